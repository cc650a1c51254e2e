#if canImport(WidgetKit) && canImport(SwiftUI) && canImport(ActivityKit) && os(iOS) && !targetEnvironment(macCatalyst)
import ActivityKit
import Foundation
import TimelineKit

@available(iOS 16.1, *)
extension ActivitySchedule {
    /// The content states for `#Preview(_:as:using:widget:contentStates:)`
    /// (``ActivitySchedule/previewContentStates(_:rebasedTo:)``), typed for the app's
    /// `Attributes`; dates rebased to `now` so each state reads as when it arrives.
    ///
    /// ```swift
    /// #Preview("Lock Screen", as: .content, using: DeliveryAttributes(order: "A-1")) {
    ///     DeliveryLiveActivity()
    /// } contentStates: {
    ///     for state in try! ActivitySchedule(contentsOf: Bundle.main.url(
    ///         forResource: "delivery-activity.schedule", withExtension: "json")!)
    ///         .previewContentStates(for: DeliveryAttributes.self) {
    ///         state
    ///     }
    /// }
    /// ```
    /// - Throws: `DecodingError` when a state does not fit `Attributes.ContentState`.
    public func previewContentStates<Attributes: ActivityAttributes>(
        for _: Attributes.Type, rebasedTo now: Date? = Date()
    ) throws -> [Attributes.ContentState] {
        try previewContentStates(Attributes.ContentState.self, rebasedTo: now)
    }
}
#endif
