import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond log --event N [--full]`: one record as the secretary checks it — kind, member,
/// date, where it came from (a reply's Message-ID or `record`), whether it was withdrawn, and
/// its text. A report keeps 20,000 characters in the record; `--full` shows the whole text
/// kept with the reply it came from.
enum LogRecordView {
    /// Characters of the text shown without `--full`.
    static let preview = 500

    static func show(id: Int64, full: Bool, json: Bool, _ rt: Runtime) throws -> Int32 {
        let t = Localized(language: rt.language)
        guard let store = try StoreAccess.openIfExists(rt), let r = try store.record(id: id) else {
            throw AppError.usage(t("log：没有编号为 \(id) 的记录", "log: no record \(id)"))
        }
        let whole = try store.replyText(forRecordSource: r.source) ?? r.record.note ?? ""
        let text = full || whole.count <= preview ? whole
            : String(whole.prefix(preview)) + t("……（共\(whole.count)字，加 --full 显示全文）", "… (\(whole.count) characters; --full shows all)")
        if json {
            var j = JSONLine()
            j.add("id", .int(Int(id)))
            j.add("kind", .string(r.record.kind.rawValue))
            j.add("member", .string(r.record.member))
            j.add("date", .string(r.record.date.description))
            j.add("through", .string(r.record.through?.description))
            j.add("method", .string(r.record.method))
            j.add("source", .string(r.source))
            j.add("voided", .string(r.voided ? "yes" : "no"))
            j.add("text", .string(text))
            Platform.writeLine(j.text)
            return ExitCode.ok
        }
        let lang = rt.language
        var lines = [
            t("记录", "record") + " #\(id)" + (r.voided ? t("（已撤销）", " (withdrawn)") : ""),
            t("类型：", "kind: ") + MessageComposer.kindName(r.record.kind, lang),
            t("党员：", "member: ") + DueCommand.memberLabel(r.record.member, rt),
            t("日期：", "date: ") + r.record.date.description,
        ]
        if let th = r.record.through { lines.append(t("党费交至：", "paid through: ") + th.description) }
        if let m = r.record.method { lines.append(t("方式：", "method: ") + m) }
        lines.append(t("来源：", "source: ") + r.source)
        if !text.isEmpty { lines.append(t("内容：", "text:") + "\n" + text) }
        Platform.writeLine(lines.joined(separator: "\n"))
        return ExitCode.ok
    }
}
