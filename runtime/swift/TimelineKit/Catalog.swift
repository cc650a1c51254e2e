import Foundation

/// One argument of a message's String Catalog entry, as `timelinec compile --xcstrings` writes
/// it: units, integer parameters and integer item fields are integers (`%1$lld`), other
/// parameters and fields strings (`%2$@`).
public enum CatalogArgument: Hashable, Sendable {
    /// A time unit: `%N$lld`, or a plural substitution on it.
    case unit(TimeUnit)
    /// An integer parameter, or an integer field of an events countdown's items: `%N$lld`, or
    /// a plural substitution on it.
    case integer(String)
    /// A text (or number) parameter or a text field, inserted as written: `%N$@`.
    case param(String)

    /// The printf conversion of the argument: `"lld"` or `"@"`.
    public var formatSpecifier: String {
        switch self {
        case .unit, .integer: return "lld"
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

extension CompiledProgram {
    /// The arguments of `message`'s catalog entry in argument-number order (the first is
    /// `%1$`): its units in ``TimeUnit`` order, then its parameters and fields in the
    /// message's order, each an ``CatalogArgument/integer(_:)`` when
    /// ``isCatalogInteger(_:)``. The entry's comment in the catalog lists the same.
    public func catalogArguments(of message: Message) -> [CatalogArgument] {
        let used = Set(message.units)
        return TimeUnit.allCases.filter(used.contains).map(CatalogArgument.unit)
            + message.params.map { isCatalogInteger($0) ? .integer($0) : .param($0) }
    }

    /// Whether the catalog takes parameter or field `name` as an integer: an integer
    /// parameter, or a field that every countdown declaring it declares an integer (as
    /// `timelinec compile --xcstrings` decides).
    public func isCatalogInteger(_ name: String) -> Bool {
        if let param = params.first(where: { $0.name == name }) {
            return param.type == .integer
        }
        let declared = countdowns.compactMap { $0.fields?.first(where: { $0.name == name }) }
        return !declared.isEmpty && declared.allSatisfy { $0.type == .integer }
    }
}

extension CompiledTimeline {
    /// The String Catalog table of this timeline's messages: the widget's kind
    /// (`compile --xcstrings DIR` writes `DIR/WIDGET.xcstrings`).
    public var catalogTable: String { program.widget }

    /// The values of `run`'s catalog arguments, in the order of
    /// ``CompiledProgram/catalogArguments(of:)``; nil when the run's message is not in the
    /// program, or the run lacks a unit or an integer the message uses.
    public func catalogValues(for run: MessageRun) -> [CatalogValue]? {
        catalogValues(for: run, fields: [:])
    }

    /// As ``catalogValues(for:)``, for a run of `view` (a view of countdown `countdown`): in an
    /// events countdown, the message's arguments named like a field read the item's value.
    public func catalogValues(for run: MessageRun, in view: View, countdown: String) -> [CatalogValue]? {
        catalogValues(for: run, fields: fieldValues(of: view, countdown: countdown))
    }

    /// The field values of the item `view` shows, by field name, as written (an integer
    /// field's value is its decimal text); empty for views of other countdowns or when no item
    /// remains.
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
        for argument in program.catalogArguments(of: program.messages[run.message]) {
            switch argument {
            case .unit(let unit):
                guard let value = run.args[unit] else { return nil }
                values.append(.integer(value))
            case .integer(let name):
                guard let text = fields[name] ?? params[name], let value = Int(text) else { return nil }
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
