//! Giving freed memory back to the system between the phases of a conversion.

/// Gives the allocator's free memory back to the system. glibc keeps memory freed below the
/// top of each arena resident, and each thread allocates in an arena of its own: what one
/// phase freed (the Word reader's parse trees on its helper thread, a CJK face's subsetting
/// buffers) stayed counted under what the next one wrote, 1.7 MiB of the 246-page draft's
/// PDF peak for the subsetting alone.
pub fn release_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of glibc's arenas to the system.
    #[allow(unsafe_code)]
    unsafe {
        libc::malloc_trim(0);
    }
}
