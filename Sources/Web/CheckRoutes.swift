import Foundation
import Hummingbird

extension WebServer {
    /// The applicant's self-check, under `/check` (no sign-in): a placeholder until the check page lands.
    func addCheckRoutes(to group: RouterGroup<WebContext>) {
        group.get { [pages] _, context in
            try pages.response("check", ["frame": PageFrame(title: "ตรวจใบสมัคร", context: context)])
        }
    }
}
