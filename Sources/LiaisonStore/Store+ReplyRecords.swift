import Foundation
import LiaisonCore

/// What undo by mail and `log --event N --full` need from the store: the records a thread's
/// replies made, and the whole text of a reply whose record keeps only its first part.
///
/// The texts live in a table of their own, created when the first one is stored, so that a
/// store without long reports is unchanged (and no schema version is spent on it).
extension Store {
    /// The newest record, not yet withdrawn, that a reply from `sender` in `thread` made.
    public func lastReplyRecord(thread: String, sender: String) throws -> StoredRecord? {
        let ids = try db.query("""
            SELECT r.id FROM records r JOIN replies p ON r.source = 'reply <' || p.message_id || '>'
            WHERE p.thread = ? AND lower(p.sender) = lower(?) AND r.voided = 0 ORDER BY r.id DESC LIMIT 1
            """, [.text(thread), .text(sender)]) { $0.int(0) }
        guard let id = ids.first else { return nil }
        return try records(includeVoided: false).first { $0.record.id == id }
    }

    /// One record by its id, withdrawn or not.
    public func record(id: Int64) throws -> StoredRecord? {
        try records(includeVoided: true).first { $0.record.id == id }
    }

    func storeReplyText(messageID: String, text: String) throws {
        try db.execute("CREATE TABLE IF NOT EXISTS reply_texts(message_id TEXT PRIMARY KEY, text TEXT NOT NULL)")
        try db.run("INSERT OR REPLACE INTO reply_texts(message_id, text) VALUES(?,?)", [.text(messageID), .text(text)])
    }

    /// The whole text of the reply a record came from (`reply <id>`), when it was kept.
    public func replyText(forRecordSource source: String) throws -> String? {
        guard source.hasPrefix("reply <"), source.hasSuffix(">") else { return nil }
        let id = String(source.dropFirst("reply <".count).dropLast())
        guard try db.scalarText("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'reply_texts'") != nil
        else { return nil }
        return try db.scalarText("SELECT text FROM reply_texts WHERE message_id = ?", [.text(id)])
    }
}
