import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM as a stop request for long-running commands (`lake ingest`, `lake pipeline schedule`): the
/// first one asks the command to finish what it holds (commit the pending batch, end the run in progress) and exit
/// 0; a second one exits at once with status 130, for a command stuck in slow work.
enum StopSignal {
    private static let requested = Atomic<Bool>(false)

    /// True once SIGINT or SIGTERM arrived.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Installs the handlers for SIGINT and SIGTERM and unblocks both (a parent may have spawned the process with
    /// them blocked, which would leave them pending forever).
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in
                if StopSignal.requested.exchange(true, ordering: .relaxed) { _exit(130) }
            }
        }
    }
}
