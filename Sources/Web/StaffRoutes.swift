import Foundation
import Hummingbird

extension WebServer {
    /// The staff pages, under `/staff` (signed-in staff only): a placeholder until the staff pages land.
    func addStaffRoutes(to group: RouterGroup<WebContext>) {
        group.get { [pages] _, context in
            try pages.response("staff", ["frame": PageFrame(title: "เจ้าหน้าที่", context: context)])
        }
    }
}
