//! Huge pages held off by a count of guards, and given back to a child
//! process while a guard is held. One test: the switch is the process's.
#![cfg(target_os = "linux")]

use std::os::unix::process::CommandExt;

/// This process's `THP_enabled` ("1" or "0"), from the kernel.
fn thp_enabled() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("THP_enabled:"))
        .map(|v| v.trim().to_string())
        .expect("a THP_enabled line")
}

#[test]
fn huge_pages_are_off_while_any_guard_is_held_and_a_child_has_them() {
    if thp_enabled() != "1" {
        // Started with them off: shifr leaves them so.
        let g = shifr::huge_pages::off();
        drop(g);
        assert_eq!(thp_enabled(), "0");
        return;
    }
    let a = shifr::huge_pages::off();
    assert_eq!(thp_enabled(), "0");
    let b = shifr::huge_pages::off();
    drop(a);
    assert_eq!(thp_enabled(), "0", "one guard still held");
    let restore = shifr::huge_pages::for_child();
    let mut child = std::process::Command::new("grep");
    child.arg("THP_enabled").arg("/proc/self/status");
    // SAFETY: only a system call between fork and exec.
    unsafe {
        child.pre_exec(move || {
            restore();
            Ok(())
        });
    }
    let out = child.output().unwrap();
    let line = String::from_utf8_lossy(&out.stdout).replace([' ', '\t'], "");
    assert_eq!(line.trim(), "THP_enabled:1", "the child");
    assert_eq!(thp_enabled(), "0", "the parent, still held");
    drop(b);
    assert_eq!(thp_enabled(), "1", "every guard dropped");
}
