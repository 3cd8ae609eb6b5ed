import ArgumentParser
import MusubiApp
import MusubiCore
import MusubiWeb

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [CreateAdmin.self, SignInLink.self])

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-admin", abstract: "Create an administrator account.")

        @OptionGroup var options: SettingsOptions
        @Option(help: "The administrator's e-mail address.") var email: String
        @Option(help: "At least 10 characters.") var password: String
        @Option(help: "The name shown on the site.") var name = "管理者"

        func run() async throws {
            let (email, password, name) = (email, password, name)
            try await options.settings().withInstallation { installation in
                do {
                    let member = try await Operations(installation.environment).createAdmin(email: email, password: password, name: name)
                    say("Created administrator #\(member.id) <\(email)>.")
                } catch let error as MusubiError {
                    throw ValidationError(CommandLineMessages.describe(error))
                }
            }
        }
    }

    struct SignInLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-in-link",
            abstract: "Print a one-time link with which an active person sets a new password and signs in (after a restore, say).")

        @OptionGroup var options: SettingsOptions
        @Option(help: "The person's e-mail address.") var email: String

        func run() async throws {
            let email = email
            let settings = try await options.settings()
            try await settings.withInstallation { installation in
                do {
                    let issued = try await PeopleAdministration(installation.environment).issueSignInLinkAsOperator(email: email)
                    say(settings.baseURL + Paths.invitation.href(issued.secret))
                } catch MusubiError.notFound {
                    throw ValidationError("Nobody has the address \(email).")
                } catch let error as MusubiError {
                    throw ValidationError(CommandLineMessages.describe(error))
                }
            }
        }
    }
}
