/// The identity of a logical file during replay: decoded path plus deletion vector id.
struct LogicalFileKey: Hashable {
    var path: String
    var deletionVector: String?
}
