// ActivityKit exists on iOS (and iPadOS) only: canImport(WidgetKit) is also true on macOS,
// watchOS and visionOS, where these APIs are not available.
#if canImport(WidgetKit) && canImport(SwiftUI) && canImport(ActivityKit) && os(iOS) && !targetEnvironment(macCatalyst)
import ActivityKit
import Foundation
import TimelineKit

@available(iOS 16.1, *)
extension DismissalPlan {
    /// `ActivityUIDismissalPolicy`: `.default`, `.immediate`, `.after(date)`.
    public var activityUIDismissalPolicy: ActivityUIDismissalPolicy {
        switch self {
        case .default: return .default
        case .immediate: return .immediate
        case .after(let date): return .after(date)
        }
    }
}

@available(iOS 16.1, *)
extension ActivitySchedule.Alert {
    /// `AlertConfiguration(title:body:sound:)`: the texts as given (not localized again), the
    /// sound `"default"` (or none) as `.default`, any other name as `.named(_:)`.
    public var alertConfiguration: AlertConfiguration {
        AlertConfiguration(
            title: LocalizedStringResource(String.LocalizationValue(title ?? "")),
            body: LocalizedStringResource(String.LocalizationValue(body ?? "")),
            sound: sound.map { $0 == "default" ? .default : .named($0) } ?? .default)
    }
}

@available(iOS 16.2, *)
extension ActivityContentPlan where State: Codable & Hashable {
    /// `ActivityContent(state:staleDate:relevanceScore:)`.
    public var activityContent: ActivityContent<State> {
        ActivityContent(state: state, staleDate: staleDate, relevanceScore: relevanceScore)
    }
}

@available(iOS 16.2, *)
extension ActivitySchedule {
    /// Every state as ActivityKit content for the app's `Attributes`, decoded as
    /// ``ActivitySchedule/activityContentPlans(_:)`` does (pushed states with
    /// ``ContentStateCoder`` in the schedule's `date-encoding`).
    /// - Throws: `DecodingError` when a state does not fit `Attributes.ContentState`.
    public func activityContentPlans<Attributes: ActivityAttributes>(
        for _: Attributes.Type
    ) throws -> [ActivityContentPlan<Attributes.ContentState>] {
        try activityContentPlans(Attributes.ContentState.self)
    }

    /// `ActivityContent` for every state, in time order (the first one starts the activity:
    /// `Activity.request(attributes:content:pushType:)`).
    public func activityContents<Attributes: ActivityAttributes>(
        for type: Attributes.Type
    ) throws -> [ActivityContent<Attributes.ContentState>] {
        try activityContentPlans(for: type).map(\.activityContent)
    }
}

@available(iOS 16.2, *)
extension Activity {
    /// Applies one state of a schedule from the app (a `via: app` state, or every state when
    /// you play a schedule without a server during development): an update with its alert, or
    /// the end with its dismissal policy. A start state updates the running activity.
    public func apply(_ plan: ActivityContentPlan<Attributes.ContentState>) async {
        switch plan.event {
        case .start, .update:
            await update(plan.activityContent, alertConfiguration: plan.alert?.alertConfiguration)
        case .end:
            await end(plan.activityContent,
                      dismissalPolicy: (plan.dismissal ?? .default).activityUIDismissalPolicy)
        }
    }
}
#endif
