import Foundation
import LiaisonCore
import LiaisonStore

extension SendPass {
    /// `digest.monthly`: the report about the month that ended (`MonthlyReportBuilder`), as
    /// plain text with an HTML alternative, and the ledger table (`export`'s CSV for the
    /// month's year, GB18030 and CRLF, which WPS and Excel on Chinese Windows open by double
    /// click) attached.
    func renderMonthlyReport(_ r: StoredReminder, _ reminder: DueReminder, now: Date) throws -> ComposedMail {
        let day = YearMonth.iso(r.period)?.firstDay ?? runtime.calendar.day(of: now)
        let report = try MonthlyReportBuilder.build(runtime, store: store, sentOn: day)
        let lang = runtime.config.branch.language
        let thread = try store.ensureThread(r.thread) { ThreadTag.token(from: self.random(10)) }
        let text = report.text(language: lang, secretary: runtime.config.branch.secretary.name, branch: runtime.config.branch.name)
        let subject = text.subject + " " + ThreadTag.tag(rule: .digestMonthly, token: thread.token, language: lang)
        let csv = try ExportReport.encode(ExportReport.csv(runtime, store: store, year: report.month.year), encoding: "gb18030")
        var message = MIMEMessage(
            from: runtime.config.smtp.from, to: reminder.to, cc: reminder.cc, subject: subject, body: text.body,
            date: now, timeZone: runtime.calendar.timeZone, messageID: r.messageID,
            inReplyTo: thread.messageIDs.last, references: thread.messageIDs, autoSubmitted: "auto-generated")
        message.html = report.html(language: lang, branch: runtime.config.branch.name)
        message.attachments = [MIMEMessage.Attachment(filename: report.csvName(lang), contentType: "text/csv; charset=GB18030",
                                                      data: csv)]
        return ComposedMail(to: reminder.to, cc: reminder.cc, subject: subject, messageID: r.messageID, data: message.rendered())
    }
}
