import Foundation

/// One argument of a message's String Catalog entry, as `timelinec compile --xcstrings` writes
/// it: units are integers (`%1$lld`), text parameters strings (`%2$@`).
public enum CatalogArgument: Hashable, Sendable {
    /// A time unit: `%N$lld`, or a plural substitution on it.
    case unit(TimeUnit)
    /// A text (or number) parameter, inserted as written: `%N$@`.
    case param(String)

    /// The printf conversion of the argument: `"lld"` or `"@"`.
    public var formatSpecifier: String {
        switch self {
        case .unit: return "lld"
        case .param: return "@"
        }
    }
}

/// The value of one catalog argument for one run.
public enum CatalogValue: Hashable, Sendable {
    /// A unit's value.
    case integer(Int)
    /// A parameter's value (empty when the timeline has none, as the baked text has it).
    case text(String)

    /// The value as `String(format:)` takes it: `Int64` for `%lld`, `NSString` for `%@`.
    public var formatArgument: any CVarArg {
        switch self {
        case .integer(let value): return Int64(value)
        case .text(let value): return NSString(string: value)
        }
    }
}

extension CompiledProgram.Message {
    /// The arguments of this message's catalog entry in argument-number order (the first is
    /// `%1$`): its units in ``TimeUnit`` order, then its parameters in the program's order. The
    /// entry's comment in the catalog lists the same.
    public var catalogArguments: [CatalogArgument] {
        let used = Set(units)
        return TimeUnit.allCases.filter(used.contains).map(CatalogArgument.unit)
            + params.map(CatalogArgument.param)
    }
}

extension CompiledTimeline {
    /// The String Catalog table of this timeline's messages: the widget's kind
    /// (`compile --xcstrings DIR` writes `DIR/WIDGET.xcstrings`).
    public var catalogTable: String { program.widget }

    /// The values of `run`'s catalog arguments, in the order of
    /// ``CompiledProgram/Message/catalogArguments``; nil when the run's message is not in the
    /// program or the run lacks a unit the message uses.
    public func catalogValues(for run: MessageRun) -> [CatalogValue]? {
        catalogValues(for: run, fields: [:])
    }

    /// As ``catalogValues(for:)``, for a run of `view` (a view of countdown `countdown`): in an
    /// events countdown, the message's arguments named like a field read the item's value.
    public func catalogValues(for run: MessageRun, in view: View, countdown: String) -> [CatalogValue]? {
        catalogValues(for: run, fields: fieldValues(of: view, countdown: countdown))
    }

    /// The field values of the item `view` shows, by field name, as written (the catalog
    /// takes every parameter and field as `%@`, as parameters are); empty for views of other
    /// countdowns or when no item remains.
    public func fieldValues(of view: View, countdown: String) -> [String: String] {
        guard let item = view.item,
              let c = program.countdowns.first(where: { $0.id == countdown }),
              let fields = c.fields else { return [:] }
        let values = c.eventsParam != nil ? lists?[countdown].flatMap { item < $0.count ? $0[item].values : nil }
            : c.events.flatMap { item < $0.count ? $0[item].values : nil }
        return Dictionary(zip(fields.map(\.name), values ?? []), uniquingKeysWith: { a, _ in a })
    }

    private func catalogValues(for run: MessageRun, fields: [String: String]) -> [CatalogValue]? {
        guard run.message >= 0, run.message < program.messages.count else { return nil }
        var values: [CatalogValue] = []
        for argument in program.messages[run.message].catalogArguments {
            switch argument {
            case .unit(let unit):
                guard let value = run.args[unit] else { return nil }
                values.append(.integer(value))
            case .param(let name):
                values.append(.text(fields[name] ?? params[name] ?? ""))
            }
        }
        return values
    }

    /// `run`'s text from the app's String Catalog: its key looked up in the table
    /// ``catalogTable`` of `bundle`, formatted with ``catalogValues(for:)`` in `locale`
    /// (Foundation picks the plural form on Apple systems). nil when the table has no such key
    /// (TL027 left it out, or the catalog is not in the bundle); then show the baked text,
    /// ``MessageRun/text(locale:)``.
    public func localizedText(for run: MessageRun, bundle: Bundle = .main,
                              locale: Locale = .current) -> String? {
        let missing = "\u{1}timelinec: no such key\u{1}"
        let format = bundle.localizedString(forKey: run.key, value: missing, table: catalogTable)
        guard format != missing, let values = catalogValues(for: run) else { return nil }
        return String(format: format, locale: locale, arguments: values.map(\.formatArgument))
    }
}

extension CompiledTimeline {
    /// A message plan's text from the app's String Catalog, as
    /// ``localizedText(for:bundle:locale:)-(MessageRun,_,_)``: for TimelineKitUI's `localize:`
    /// (`{ timeline.localizedText(for: $0).map(Text.init(verbatim:)) }`), which asks only for
    /// messages the timeline has no text for in the device's locale.
    public func localizedText(for plan: MessagePlan, bundle: Bundle = .main,
                              locale: Locale = .current) -> String? {
        localizedText(for: MessageRun(message: plan.message, key: plan.key, args: plan.arguments,
                                      text: nil),
                      bundle: bundle, locale: locale)
    }
}
