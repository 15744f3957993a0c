import BPVWorkspace

/// The English words of what `body` throws, as a user reads them (a refusal with its frame);
/// nil when it does not throw, so that a change that is wrongly let through fails the test.
func refusalText(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as WorkspaceError {
        return error.text(.en)
    } catch {
        return "\(error)"
    }
}
