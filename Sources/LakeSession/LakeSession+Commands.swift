import LakeSQL

extension LakeSession {
    func executeCommand(_ statement: BoundStatement) throws(SessionError) -> QueryResult {
        throw .unsupported("the command \(statement)")
    }
}
