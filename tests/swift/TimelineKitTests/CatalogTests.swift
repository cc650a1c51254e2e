import Foundation
import XCTest
@testable import TimelineKit

/// The String Catalogs `timelinec compile --xcstrings` writes (tests/golden/examples/*.xcstrings)
/// against the timelines: every message run's key is there with its arguments in the order
/// TimelineKit passes them, and the catalog's source text, formatted by Foundation's own
/// `String(format:locale:arguments:)`, reads what the timeline's baked (ICU) text reads.
final class CatalogTests: XCTestCase {
    /// The widget examples with messages, as (timeline, catalog) pairs.
    private func examples() throws -> [(CompiledTimeline, [String: Any])] {
        try Repo.files(in: Repo.goldenExamples, endingWith: ".xcstrings").compactMap { url in
            let name = url.deletingPathExtension().lastPathComponent
            let timelineURL = Repo.goldenExamples.appendingPathComponent("\(name).timeline.json")
            let catalog = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url))
                as? [String: Any], "\(name).xcstrings is not a JSON object")
            return (try CompiledTimeline(contentsOf: timelineURL), catalog)
        }
    }

    /// The source-language unit of `key`: its value and its substitutions' plural forms.
    private func sourceUnit(_ catalog: [String: Any], _ key: String)
        -> (value: String, subs: [String: (arg: Int, forms: [String: String])])?
    {
        guard let lang = catalog["sourceLanguage"] as? String,
              let strings = catalog["strings"] as? [String: Any],
              let entry = strings[key] as? [String: Any],
              let locs = entry["localizations"] as? [String: Any],
              let loc = locs[lang] as? [String: Any],
              let unit = loc["stringUnit"] as? [String: Any],
              let value = unit["value"] as? String else { return nil }
        var subs: [String: (arg: Int, forms: [String: String])] = [:]
        for (name, sub) in (loc["substitutions"] as? [String: Any]) ?? [:] {
            guard let sub = sub as? [String: Any], let arg = sub["argNum"] as? Int,
                  let plural = (sub["variations"] as? [String: Any])?["plural"] as? [String: Any]
            else { continue }
            var forms: [String: String] = [:]
            for (category, form) in plural {
                if let text = ((form as? [String: Any])?["stringUnit"] as? [String: Any])?["value"] as? String {
                    forms[category] = text
                }
            }
            subs[name] = (arg, forms)
        }
        return (value, subs)
    }

    /// `%#@name@` replaced by the form English picks (`zero` for 0 when given, `one` for 1,
    /// else `other`), with `%arg` as the argument's own specifier: what Foundation does with the
    /// catalog's substitutions on Apple systems.
    private func expandEnglish(_ unit: (value: String, subs: [String: (arg: Int, forms: [String: String])]),
                               _ values: [CatalogValue]) throws -> String {
        var out = unit.value
        for (name, sub) in unit.subs {
            guard case .integer(let n) = values[sub.arg - 1] else {
                XCTFail("substitution \(name) is not on an integer argument")
                return out
            }
            let form = n == 0 && sub.forms["zero"] != nil ? "zero" : n == 1 && sub.forms["one"] != nil ? "one" : "other"
            let text = try XCTUnwrap(sub.forms[form]).replacingOccurrences(of: "%arg", with: "%\(sub.arg)$lld")
            out = out.replacingOccurrences(of: "%#@\(name)@", with: text)
        }
        return out
    }

    func testEveryMessageRunReadsTheBakedTextThroughTheCatalog() throws {
        var checked = 0
        for (timeline, catalog) in try examples() {
            for entry in timeline.entries {
                for (id, view) in entry.views {
                    for case .message(let run) in view.families.values.joined() {
                        let unit = try XCTUnwrap(sourceUnit(catalog, run.key),
                                                 "\(timeline.program.widget): no catalog entry for \(run.key)")
                        // an events countdown's messages read the item's fields
                        let values = try XCTUnwrap(timeline.catalogValues(for: run, in: view, countdown: id))
                        let format = try expandEnglish(unit, values)
                        let text = String(format: format, locale: Locale(identifier: "en_US_POSIX"),
                                          arguments: values.map(\.formatArgument))
                        XCTAssertEqual(text, run.text(locale: "en_US"), "\(run.key) with \(run.args)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testArgumentsFollowTheCatalogsComment() throws {
        for (timeline, catalog) in try examples() {
            let strings = try XCTUnwrap(catalog["strings"] as? [String: Any])
            for message in timeline.program.messages {
                let entry = try XCTUnwrap(strings[message.key] as? [String: Any], message.key)
                let comment = try XCTUnwrap(entry["comment"] as? String)
                let listed = timeline.program.catalogArguments(of: message).enumerated().map { index, argument -> String in
                    switch argument {
                    case .unit(let unit): return "%\(index + 1)$lld: \(unit.rawValue)"
                    case .integer(let name): return "%\(index + 1)$lld: \(name)"
                    case .param(let name): return "%\(index + 1)$@: \(name)"
                    }
                }
                XCTAssertTrue(listed.isEmpty || comment.hasSuffix("Arguments: " + listed.joined(separator: ", ")),
                              "\(message.key): \(comment) vs \(listed)")
                XCTAssertEqual(entry["extractionState"] as? String, "manual")
            }
        }
    }

    func testArgumentOrderIsUnitsThenParameters() throws {
        let flight = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("flight.timeline.json"))
        let message = CompiledProgram.Message(key: "k", pattern: "", units: [.minutes, .days],
                                              params: ["gate", "flight"], at: nil)
        let arguments = flight.program.catalogArguments(of: message)
        XCTAssertEqual(arguments, [.unit(.days), .unit(.minutes), .param("gate"), .param("flight")])
        XCTAssertEqual(arguments.map(\.formatSpecifier), ["lld", "lld", "@", "@"])
    }

    /// A timeline TimelineCore instantiates on device has no baked text for a message that uses
    /// a parameter (flight's "{flight} departs at"): the catalog gives it.
    func testParameterMessagesFormatFromTheCatalog() throws {
        let flight = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("flight.timeline.json"))
        guard case .message(let run)? = flight.entries[0].view().first else {
            return XCTFail("flight's first run is not a message")
        }
        XCTAssertEqual(run.key, "main.above-3h.default")
        XCTAssertEqual(flight.catalogValues(for: run), [.text("LH454")])
        XCTAssertEqual(flight.catalogTable, "FlightStatus")
        let text = String(format: "%1$@ departs at ", locale: nil,
                          arguments: try XCTUnwrap(flight.catalogValues(for: run)).map(\.formatArgument))
        XCTAssertEqual(text, "LH454 departs at ")
    }

    /// An integer field of an events countdown (race-weekend's `round: integer`) is `%lld` in
    /// the catalog, as the C writer decides, and its value an `Int64`.
    func testIntegerFieldsAreIntegers() throws {
        let race = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("race-weekend.timeline.json"))
        XCTAssertTrue(race.program.isCatalogInteger("round"))
        XCTAssertFalse(race.program.isCatalogInteger("name"))
        XCTAssertFalse(race.program.isCatalogInteger("nosuch"))
        var checked = 0
        for entry in race.entries {
            for (id, view) in entry.views {
                for case .message(let run) in view.families.values.joined()
                where race.program.messages[run.message].params.contains("round") {
                    let values = try XCTUnwrap(race.catalogValues(for: run, in: view, countdown: id))
                    let arguments = race.program.catalogArguments(of: race.program.messages[run.message])
                    let index = try XCTUnwrap(arguments.firstIndex(of: .integer("round")))
                    guard case .integer = values[index] else { return XCTFail("\(values)") }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testLocalizedTextIsNilWithoutTheKey() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        guard case .message(let run)? = launch.entries[0].view().first else {
            return XCTFail("launch's first run is not a message")
        }
        // The test bundle has no LaunchCountdown table: the app falls back to the baked text.
        XCTAssertNil(launch.localizedText(for: run, bundle: Bundle(for: CatalogTests.self)))
        let plan = MessagePlan(message: run.message, key: run.key, arguments: run.args,
                               fallback: nil, fallbackLocale: nil)
        XCTAssertNil(launch.localizedText(for: plan, bundle: Bundle(for: CatalogTests.self)))
        XCTAssertEqual(run.text(locale: "en_US"), "6 days to launch")
    }

    func testAMessageNotInTheProgramHasNoValues() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        XCTAssertNil(launch.catalogValues(for: MessageRun(message: 99, key: "x", args: [:], text: nil)))
        XCTAssertNil(launch.catalogValues(for: MessageRun(message: 0, key: "main.above-1d.default", args: [:], text: nil)),
                     "a run without the unit its message uses")
    }
}
