import Foundation
import Hummingbird
import MusubiCore

/// The administrator's download of the whole community: the archive is written into a folder
/// of the upload area (the data folder's), sent a megabyte at a time, and removed once sent.
struct CommunityArchiveHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func page(_ request: Request, _ context: Context) async throws -> Response {
        try site.communityArchives.authorize(context.actor)
        return site.render(CommunityArchivePage(), title: site.t("community_archive.title", context), request, context)
    }

    func download(_ request: Request, _ context: Context) async throws -> Response {
        try site.communityArchives.authorize(context.actor)
        let folder = try site.uploads.newFolder("archive")
        let file = folder.appendingPathComponent("community.zip")
        do {
            _ = try await site.communityArchives.export(context.actor, to: file)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        let day = site.now().formatted(.iso8601.year().month().day().dateSeparator(.omitted))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip", .contentDisposition: "attachment; filename=\"musubi-\(day).zip\"",
                .cacheControl: "private, no-store",
            ],
            body: ResponseBody(contentLength: size) { writer in
                defer { try? FileManager.default.removeItem(at: folder) }
                let handle = try FileHandle(forReadingFrom: file)
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
        )
    }
}
