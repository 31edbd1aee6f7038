import Dispatch
import Synchronization

/// A bounded hand-over of encoded COPY chunks from a producer thread (reading and encoding the input) to the
/// thread that owns the connection and sends them, so that reading and encoding overlap with the server's
/// parsing instead of alternating with it.
///
/// At most `capacity` chunks wait at a time. When the sender stops early (the server went away), `cancel()`
/// makes the producer's next `put` throw, and `finishAndWait()` returns once the producer has stopped, so no
/// thread still reads the input when the load returns.
final class ChunkPipeline: Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var head = 0
        var finished = false
        var failure: WarehouseError?
        var cancelled = false
    }

    private let state = Mutex(State())
    private let freeSlots: DispatchSemaphore
    private let readyChunks = DispatchSemaphore(value: 0)
    private let done = DispatchGroup()

    init(capacity: Int) {
        // Created at zero and raised to `capacity`: libdispatch traps when a semaphore is released below the
        // value it was created with, which a cancelled pipeline may leave.
        freeSlots = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, capacity) { freeSlots.signal() }
    }

    /// Runs `produce` on another thread; it hands chunks over with `put`.
    func start(_ produce: @escaping @Sendable (ChunkPipeline) throws(WarehouseError) -> Void) {
        done.enter()
        DispatchQueue.global().async {
            var failure: WarehouseError?
            do throws(WarehouseError) { try produce(self) } catch { failure = error }
            self.state.withLock { state in
                state.finished = true
                if state.failure == nil { state.failure = failure }
            }
            self.readyChunks.signal()
            self.done.leave()
        }
    }

    /// Called by the producer: waits for a free slot, then queues `chunk`.
    /// - Throws: `connection` when the sender has cancelled.
    func put(_ chunk: [UInt8]) throws(WarehouseError) {
        freeSlots.wait()
        let cancelled = state.withLock { state in
            if !state.cancelled { state.chunks.append(chunk) }
            return state.cancelled
        }
        if cancelled { throw .connection("the load was cancelled") }
        readyChunks.signal()
    }

    /// Called by the sender: the next chunk, or nil once the producer has finished (rethrowing its error).
    func next() throws(WarehouseError) -> [UInt8]? {
        // Every chunk and the end each signal once; the bound only guards against a logic error.
        for _ in 0..<Int.max {
            readyChunks.wait()
            let (chunk, finished, failure): ([UInt8]?, Bool, WarehouseError?) = state.withLock { state in
                if state.head < state.chunks.count {
                    let chunk = state.chunks[state.head]
                    state.chunks[state.head] = []
                    state.head += 1
                    if state.head > 64 {
                        state.chunks.removeFirst(state.head)
                        state.head = 0
                    }
                    return (chunk, false, nil)
                }
                return (nil, state.finished, state.failure)
            }
            if let chunk {
                freeSlots.signal()
                return chunk
            }
            if finished {
                if let failure { throw failure }
                return nil
            }
        }
        return nil
    }

    /// Stops the producer at its next `put` and waits until its thread has returned.
    func cancelAndWait() {
        state.withLock { $0.cancelled = true }
        freeSlots.signal()
        done.wait()
    }
}
