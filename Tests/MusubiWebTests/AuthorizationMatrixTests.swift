import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

/// Every page and API operation × anonymous, guest, member, coordinator, admin: the status
/// each gets. Each actor runs on a fresh site, so a row's side effects cannot leak into the
/// next actor's answers.
@Suite struct AuthorizationMatrixTests {
    enum Who: Int, CaseIterable, Sendable { case visitor, guest, member, coordinator, admin }

    struct Row: Sendable {
        var method: HTTPRequest.Method
        var path: @Sendable (Community) -> String
        var form: [(String, String)] = []
        /// A JSON body as it is sent, where the form's strings cannot say it (`{}`).
        var json: String? = nil
        var expected: [Int]
    }

    static let pages: [Row] = [
        Row(method: .get, path: { _ in "/" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/healthz" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/signin" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/apply" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/organizations" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { "/organizations/\($0.organizations[.industry]!.id)" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/members" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { "/members/\($0.member.id)" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { "/members/\($0.applicant.id)" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/groups" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { "/groups/\($0.group.id)" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/organizations/new" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { "/organizations/\($0.organizations[.industry]!.id)/edit" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { _ in "/groups/new" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { "/groups/\($0.group.id)/edit" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { _ in "/listings" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/listings/new" }, expected: [303, 403, 200, 200, 200]),
        Row(method: .get, path: { _ in "/listings/999999" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/introductions" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { "/introductions/new?member=\($0.guest.id)" }, expected: [303, 403, 200, 200, 200]),
        Row(method: .get, path: { _ in "/introductions/999999" }, expected: [303, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/suggestions" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/suggestions?scope=community" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/manage/funnel" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/manage/funnel/csv" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/manage/people/csv" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/manage/matching" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/me/edit" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/me/account" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/manage/people" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/manage/invitations" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { _ in "/manage/audit" }, expected: [303, 404, 404, 404, 200]),
        Row(method: .get, path: { _ in "/manage/slack-import" }, expected: [303, 403, 403, 403, 200]),
        Row(method: .get, path: { _ in "/manage/slack-import/unknown" }, expected: [303, 403, 403, 403, 404]),
        Row(method: .get, path: { _ in "/manage/archive" }, expected: [303, 403, 403, 403, 200]),
        Row(method: .get, path: { _ in "/notifications" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/password-reset" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/bulletins" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/funding-calls" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/bulletins.atom" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/funding-calls.atom" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/bulletins/new" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { _ in "/bulletins/999999" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/bulletins/999999/edit" }, expected: [303, 403, 403, 404, 404]),
        Row(method: .get, path: { _ in "/me/notifications" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/me/digest" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/unsubscribe/1.mention.forged" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/manage/mail" }, expected: [303, 404, 404, 404, 200]),
        Row(method: .get, path: { _ in "/manage/dashboard" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/manage/dashboard/csv/participants" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/dashboard" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/exchange" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/browse" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/new" }, expected: [303, 403, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/direct" }, expected: [303, 403, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/mentions" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/search?q=%E7%A4%BE%E5%A4%96%E7%A7%98" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { "/exchange/channels/\($0.lobby.id)" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { "/exchange/channels/\($0.room.id)" }, expected: [303, 404, 200, 404, 404]),
        Row(method: .get, path: { "/exchange/channels/\($0.lobby.id)/invite" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/channels/999999" }, expected: [303, 404, 404, 404, 404]),
        Row(method: .get, path: { "/exchange/channels/\($0.lobby.id)/people?q=" }, expected: [303, 404, 200, 200, 200]),
        Row(method: .get, path: { "/exchange/channels/\($0.room.id)/people?q=" }, expected: [303, 404, 200, 404, 404]),
        Row(method: .get, path: { _ in "/exchange/channel-names?q=" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/exchange/sidebar" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/events" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/events/new" }, expected: [303, 403, 403, 200, 200]),
        Row(method: .get, path: { "/events/\($0.seminar.id)" }, expected: [303, 404, 200, 200, 200]),
        // Visitors see public events: one that does not exist is not found for them either.
        Row(method: .get, path: { _ in "/events/999999" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { "/exchange/channels/\($0.room.id)/files" }, expected: [303, 404, 200, 404, 404]),
        Row(method: .get, path: { "/exchange/channels/\($0.lobby.id)/files" }, expected: [303, 404, 200, 200, 200]),
        // A text file has no preview, even for those who may read it.
        Row(method: .get, path: { "/exchange/files/\($0.roomFile.id)/preview" }, expected: [303, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/exchange/emoji.json" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .get, path: { "/exchange/files/\($0.roomFile.id)" }, expected: [303, 404, 200, 404, 404]),
        Row(method: .get, path: { _ in "/exchange/files/999999" }, expected: [303, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/api/openapi.json" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/no/such/page" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .post, path: { "/manage/people/\($0.applicant.id)/approve" }, expected: [401, 403, 403, 303, 303]),
        Row(method: .post, path: { "/manage/people/\($0.guest.id)/role" }, form: [("role", "member")], expected: [401, 403, 403, 303, 303]),
        Row(method: .post, path: { "/manage/people/\($0.coordinator.id)/deactivate" }, expected: [401, 403, 403, 403, 303]),
        Row(method: .post, path: { "/manage/people/\($0.guest.id)/sign-in-link" }, expected: [401, 403, 403, 201, 201]),
        Row(
            method: .post, path: { _ in "/organizations" }, form: [("name", "新しい組織"), ("sector", "industry"), ("prefectureCode", "31")],
            expected: [401, 403, 403, 303, 303]),
        Row(
            method: .post, path: { _ in "/listings" },
            form: [("kind", "need"), ("stage", "idea"), ("disclosure", "members"), ("title", "課題"), ("summary", "概要")],
            expected: [401, 403, 303, 303, 303]),
        Row(method: .post, path: { _ in "/introductions" }, form: [("member", "0"), ("message", "よろしく")], expected: [401, 403, 404, 404, 404]),
        Row(
            method: .post, path: { _ in "/exchange/channels" }, form: [("name", "新しい部屋"), ("kind", "public"), ("purpose", "general")],
            expected: [401, 403, 303, 303, 303]),
        Row(method: .post, path: { "/exchange/channels/\($0.lobby.id)/messages" }, form: [("body", "こんにちは")], expected: [401, 404, 303, 303, 403]),
        Row(method: .post, path: { "/exchange/channels/\($0.room.id)/messages" }, form: [("body", "こんにちは")], expected: [401, 404, 303, 404, 404]),
        Row(method: .post, path: { "/exchange/channels/\($0.room.id)/webhooks" }, form: [("name", "通知")], expected: [401, 404, 403, 404, 404]),
        Row(method: .post, path: { "/exchange/channels/\($0.lobby.id)/join" }, expected: [401, 404, 303, 303, 303]),
        Row(
            method: .post, path: { _ in "/events" },
            form: [
                ("kind", "seminar"), ("title", "説明会"), ("startsAt", "2030-01-10T13:00"), ("endsAt", "2030-01-10T15:00"), ("visibility", "public"),
            ],
            expected: [401, 403, 403, 303, 303]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/registration" }, expected: [401, 404, 303, 303, 303]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/registration/cancel" }, expected: [401, 404, 303, 303, 303]),
        // The ticket is one's own place's (given up just above); the door is the coordinators'.
        Row(method: .get, path: { "/events/\($0.seminar.id)/ticket" }, expected: [303, 404, 404, 404, 404]),
        Row(method: .get, path: { "/events/\($0.seminar.id)/check-in" }, expected: [303, 404, 403, 200, 200]),
        Row(method: .get, path: { "/events/\($0.seminar.id)/check-in?ticket=NOPE" }, expected: [303, 404, 403, 404, 404]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/check-in/999999" }, expected: [401, 404, 403, 404, 404]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/check-in/999999/undo" }, expected: [401, 404, 403, 404, 404]),
        Row(
            method: .post, path: { "/events/\($0.seminar.id)/walk-ins" }, form: [("member", "999999")], expected: [401, 404, 403, 422, 422]),
        // Visitors register for public events that welcome them, by a mailed key: the seminar is
        // for members, and a key nobody was given opens nothing.
        Row(
            method: .post, path: { "/events/\($0.seminar.id)/visitors" }, form: [("name", "来場 花子"), ("email", "v@example.com")],
            expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { _ in "/events/visits/not-a-key" }, expected: [404, 404, 404, 404, 404]),
        // Everyone signed in may have a private calendar feed; a key nobody holds opens nothing.
        Row(method: .get, path: { _ in "/me/calendar" }, expected: [303, 200, 200, 200, 200]),
        Row(method: .post, path: { _ in "/me/calendar" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .post, path: { _ in "/me/calendar/revoke" }, expected: [401, 303, 303, 303, 303]),
        Row(method: .get, path: { _ in "/calendar/not-a-key/events.ics" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .post, path: { _ in "/events/visits/not-a-key/confirm" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .post, path: { _ in "/events/visits/not-a-key/cancel" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .get, path: { "/events/\($0.seminar.id)/edit" }, expected: [303, 404, 403, 200, 200]),
        Row(method: .get, path: { "/events/\($0.seminar.id)/attendance" }, expected: [303, 404, 403, 200, 200]),
        // Minutes: none are written for the seminar, so only coordinators find the page (to write).
        Row(method: .get, path: { "/events/\($0.seminar.id)/minutes" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .get, path: { "/events/\($0.seminar.id)/minutes/edit" }, expected: [303, 404, 404, 200, 200]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/minutes" }, form: [("minutes", "議事")], expected: [401, 404, 403, 303, 303]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/actions" }, form: [("text", "")], expected: [401, 404, 403, 422, 422]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/actions/999999/done" }, form: [("done", "1")], expected: [401, 404, 404, 404, 404]),
        Row(method: .get, path: { "/events/\($0.seminar.id)/attendance.csv" }, expected: [303, 404, 403, 200, 200]),
        Row(method: .post, path: { "/events/\($0.seminar.id)/edit" }, form: [("title", "")], expected: [401, 404, 403, 422, 422]),
        // Last of the event's rows: it is called off.
        Row(method: .post, path: { "/events/\($0.seminar.id)/call-off" }, expected: [401, 404, 403, 303, 303]),
        Row(method: .post, path: { "/exchange/channels/\($0.room.id)/leave" }, expected: [401, 404, 303, 404, 404]),
        Row(method: .post, path: { "/exchange/channels/\($0.lobby.id)/retention" }, form: [("days", "30")], expected: [401, 404, 403, 403, 303]),
        Row(
            method: .post, path: { "/exchange/channels/\($0.lobby.id)/announcement" }, form: [("announcement", "1")],
            expected: [401, 404, 403, 403, 303]),
        Row(method: .post, path: { "/exchange/channels/\($0.lobby.id)/webhooks" }, form: [("name", "通知")], expected: [401, 404, 403, 403, 201]),
        Row(method: .post, path: { "/exchange/channels/\($0.lobby.id)/webhooks/999999/revoke" }, expected: [401, 404, 403, 403, 404]),
        Row(
            method: .post, path: { "/groups/\($0.group.id)/members" }, form: [("memberID", "0"), ("role", "member")],
            expected: [401, 403, 403, 422, 422]),
        Row(method: .post, path: { _ in "/me/edit" }, form: [("name", "新しい名前")], expected: [401, 303, 303, 303, 303]),
        Row(
            method: .post, path: { _ in "/suggestions/pins" }, form: [("member", "0"), ("kind", "person"), ("subject", "0")],
            expected: [401, 403, 403, 422, 422]),
        Row(method: .post, path: { _ in "/suggestions/pins/999999/remove" }, expected: [401, 403, 403, 404, 404]),
        Row(method: .post, path: { _ in "/manage/matching" }, form: [("pasted", "")], expected: [401, 404, 404, 422, 422]),
        Row(method: .post, path: { _ in "/manage/slack-import" }, form: [("export", "")], expected: [401, 403, 403, 403, 422]),
        Row(method: .post, path: { _ in "/manage/archive" }, expected: [401, 403, 403, 403, 200]),
        Row(method: .post, path: { _ in "/notifications/read" }, expected: [401, 303, 303, 303, 303]),
        Row(
            method: .post, path: { _ in "/bulletins" }, form: [("kind", "network_notice"), ("visibility", "members"), ("title", "t"), ("body", "b")],
            expected: [401, 403, 403, 303, 303]),
        Row(
            method: .post, path: { _ in "/bulletins/999999" },
            form: [("kind", "network_notice"), ("visibility", "members"), ("title", "t"), ("body", "b")], expected: [401, 403, 403, 404, 404]),
        Row(method: .post, path: { _ in "/bulletins/999999/save" }, form: [("saved", "1")], expected: [401, 403, 404, 404, 404]),
        Row(method: .get, path: { _ in "/bulletins/999999/files/1" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .post, path: { _ in "/bulletins/999999/files/1/remove" }, expected: [401, 403, 403, 404, 404]),
        Row(method: .post, path: { _ in "/bulletins/999999/remove" }, expected: [401, 403, 403, 404, 404]),
        Row(method: .post, path: { _ in "/password-reset" }, form: [("email", "member@example.jp")], expected: [200, 200, 200, 200, 200]),
        Row(method: .post, path: { _ in "/manage/invitations/999999/resend" }, expected: [401, 403, 403, 404, 404]),
        Row(method: .post, path: { _ in "/manage/invitations/999999/revoke" }, expected: [401, 403, 403, 404, 404]),
        Row(method: .post, path: { _ in "/me/notifications" }, form: [("mention", "in_app")], expected: [401, 303, 303, 303, 303]),
        Row(method: .post, path: { _ in "/unsubscribe/1.mention.forged" }, expected: [404, 404, 404, 404, 404]),
        Row(method: .post, path: { _ in "/manage/mail/999999/retry" }, expected: [401, 403, 403, 403, 404]),
        Row(
            method: .post, path: { _ in "/manage/invitations" }, form: [("email", "someone@example.jp"), ("role", "member")],
            expected: [401, 403, 403, 201, 201]),
    ]

    static let api: [Row] = [
        Row(method: .get, path: { _ in "/api/v1/organizations" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/fields" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/me" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/members" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { "/api/v1/members/\($0.member.id)" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/groups" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/applications" }, expected: [401, 404, 404, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/audit" }, expected: [401, 404, 404, 404, 200]),
        Row(method: .get, path: { _ in "/api/v1/tokens" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/listings" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/introductions" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/introductions?box=queue" }, expected: [401, 403, 403, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/suggestions" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/suggestions/community" }, expected: [401, 404, 404, 200, 200]),
        Row(method: .get, path: { "/api/v1/members/\($0.member.id)/candidates" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/funnel" }, expected: [401, 404, 404, 200, 200]),
        Row(method: .post, path: { "/api/v1/members/\($0.applicant.id)/approve" }, expected: [401, 403, 403, 204, 204]),
        Row(method: .put, path: { "/api/v1/members/\($0.guest.id)/role" }, form: [("role", "member")], expected: [401, 403, 403, 204, 204]),
        Row(method: .post, path: { "/api/v1/members/\($0.guest.id)/sign-in-link" }, expected: [401, 403, 403, 201, 201]),
        Row(method: .post, path: { "/api/v1/members/\($0.coordinator.id)/sign-in-link" }, expected: [401, 403, 403, 403, 201]),
        Row(method: .get, path: { _ in "/api/v1/channels" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/public-channels" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { "/api/v1/channels/\($0.lobby.id)/messages" }, expected: [401, 404, 200, 200, 200]),
        Row(method: .get, path: { "/api/v1/channels/\($0.room.id)/messages" }, expected: [401, 404, 200, 404, 404]),
        Row(method: .get, path: { "/api/v1/files/\($0.roomFile.id)" }, expected: [401, 404, 200, 404, 404]),
        Row(method: .get, path: { "/api/v1/messages/\($0.roomFile.messageID)" }, expected: [401, 404, 200, 404, 404]),
        Row(method: .get, path: { "/api/v1/messages/\($0.roomFile.messageID)/thread" }, expected: [401, 404, 200, 404, 404]),
        Row(method: .get, path: { _ in "/api/v1/search?q=%E7%A4%BE%E5%A4%96%E7%A7%98" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/mentions" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/events?after=0" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .post, path: { _ in "/api/v1/channels" }, form: [("name", "新しい部屋"), ("kind", "public")], expected: [401, 403, 201, 201, 201]),
        Row(method: .post, path: { "/api/v1/channels/\($0.lobby.id)/messages" }, form: [("body", "こんにちは")], expected: [401, 404, 201, 201, 403]),
        Row(method: .post, path: { "/api/v1/channels/\($0.room.id)/messages" }, form: [("body", "こんにちは")], expected: [401, 404, 201, 404, 404]),
        Row(
            method: .post, path: { "/api/v1/messages/\($0.roomFile.messageID)/reactions" }, form: [("emoji", "👍")],
            expected: [401, 404, 204, 404, 404]),
        Row(method: .post, path: { "/api/v1/channels/\($0.lobby.id)/join" }, expected: [401, 404, 204, 204, 204]),
        Row(method: .get, path: { "/api/v1/channels/\($0.lobby.id)/webhooks" }, expected: [401, 404, 403, 403, 200]),
        Row(method: .post, path: { "/api/v1/channels/\($0.lobby.id)/webhooks" }, form: [("name", "通知")], expected: [401, 404, 403, 403, 201]),
        Row(method: .get, path: { _ in "/api/v1/notifications" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .post, path: { _ in "/api/v1/notifications/read" }, json: "{}", expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/me/notification-preferences" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/me/digest" }, expected: [401, 200, 200, 200, 200]),
        Row(method: .put, path: { _ in "/api/v1/me/notification-preferences" }, form: [("mention", "digest")], expected: [401, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/bulletins" }, expected: [200, 200, 200, 200, 200]),
        Row(method: .get, path: { _ in "/api/v1/bulletins/999999" }, expected: [404, 404, 404, 404, 404]),
        Row(
            method: .post, path: { _ in "/api/v1/bulletins" }, form: [("kind", "network_notice"), ("title", "t"), ("body", "b")],
            expected: [401, 403, 403, 201, 201]),
        Row(
            method: .put, path: { _ in "/api/v1/bulletins/999999" }, form: [("kind", "network_notice"), ("title", "t"), ("body", "b")],
            expected: [401, 403, 403, 404, 404]),
        Row(method: .delete, path: { _ in "/api/v1/bulletins/999999" }, expected: [401, 403, 403, 404, 404]),
        Row(method: .put, path: { _ in "/api/v1/bulletins/999999/saved" }, expected: [401, 403, 404, 404, 404]),
        Row(method: .get, path: { _ in "/api/v1/bulletins/999999/applicants" }, expected: [401, 403, 403, 404, 404]),
    ]

    static func account(_ who: Who, in community: Community) -> Member? {
        switch who {
        case .visitor: nil
        case .guest: community.guest
        case .member: community.member
        case .coordinator: community.coordinator
        case .admin: community.admin
        }
    }

    @Test(arguments: TestDatabase.available, Who.allCases)
    func pages(_ database: TestDatabase, _ who: Who) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            if let person = Self.account(who, in: site.community) { try await browser.signIn(emailOf(person)) } else { try await browser.get("/") }
            for row in Self.pages {
                let path = row.path(site.community)
                let page = row.method == .get ? try await browser.get(path) : try await browser.post(path, row.form)
                #expect(Int(page.status.code) == row.expected[who.rawValue], "\(row.method) \(path) as \(who)")
            }
        }
    }

    @Test(arguments: TestDatabase.available, Who.allCases)
    func api(_ database: TestDatabase, _ who: Who) async throws {
        try await TestSite.run(database) { site in
            var token: String?
            if let person = Self.account(who, in: site.community) {
                let browser = site.browser()
                try await browser.signIn(emailOf(person))
                token = try await APIClient.token(for: browser)
            }
            let api = APIClient(client: site.client, token: token)
            for row in Self.api {
                let path = row.path(site.community)
                let body: [String: String]? = row.form.isEmpty ? nil : Dictionary(uniqueKeysWithValues: row.form)
                let reply =
                    if let raw = row.json { try await api.call(row.method, path, raw: raw) } else { try await api.call(row.method, path, json: body) }
                #expect(Int(reply.status.code) == row.expected[who.rawValue], "\(row.method) \(path) as \(who): \(reply.body.prefix(200))")
            }
        }
    }
}

func emailOf(_ member: Member) -> String {
    switch member.role {
    case .admin: "admin@example.jp"
    case .coordinator: "coord@example.jp"
    case .guest: "guest@example.jp"
    case .member: member.status == .pending ? "applicant@example.jp" : "member@example.jp"
    }
}
