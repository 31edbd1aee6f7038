import LakeTable

/// The data files a prepared transaction adds and removes, counted before it commits.
///
/// Spec: spec/session.md (commands)
struct FileChanges: Sendable, Hashable {
    var addedCount: Int64 = 0
    var removedCount: Int64 = 0
    var addedBytes: Int64 = 0
    var removedBytes: Int64 = 0

    init(_ actions: [Action]) {
        for action in actions {
            switch action {
            case .add(let add):
                addedCount += 1
                addedBytes &+= add.size
            case .remove(let remove):
                removedCount += 1
                removedBytes &+= remove.size ?? 0
            default:
                break
            }
        }
    }
}
