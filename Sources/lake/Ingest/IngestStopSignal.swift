import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM as a stop request for `lake ingest`: the first one asks the ingest to commit what it holds
/// and exit 0; a second one exits at once (status 130), for an ingest stuck in a slow commit.
enum IngestStopSignal {
    private static let requested = Atomic<Bool>(false)

    /// True once SIGINT or SIGTERM arrived.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Installs the handlers for SIGINT and SIGTERM and unblocks both (a parent may have spawned the process with
    /// them blocked, which would make them pending forever).
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in
                if IngestStopSignal.requested.exchange(true, ordering: .relaxed) { _exit(130) }
            }
        }
    }
}
