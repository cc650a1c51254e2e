// TimelineKit: read what timelinec writes (timelines, programs, Live Activity schedules and
// programs) in Swift, with Foundation only. See docs/swift.md.

/// The four JSON formats timelinec writes, each identified by its version key.
///
/// Every document carries its format version under its own key (`"timelinec-timeline": 2`).
/// TimelineKit reads exactly the versions listed in ``supportedVersions`` and refuses any other
/// with ``TimelineKitError/unsupportedVersion(format:found:supported:)``, before it reads
/// anything else of the document, so a file of another version is never misread.
public enum DocumentFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    /// An instantiated timeline (`timelinec compile --timeline`): ``CompiledTimeline``,
    /// docs/timeline.schema.json.
    case timeline = "timelinec-timeline"
    /// A compiled program (`timelinec compile`): ``CompiledProgram``, docs/program.schema.json.
    case program = "timelinec-program"
    /// A Live Activity schedule (`timelinec compile` of a `live-activity:` spec):
    /// ``ActivitySchedule``, docs/schedule.schema.json.
    case schedule = "timelinec-schedule"
    /// A Live Activity program (`timelinec compile --program` of a `live-activity:` spec):
    /// ``ActivityProgram``, docs/activity-program.schema.json.
    case activityProgram = "timelinec-activity-program"

    /// The key that holds the format version in a document of this format.
    public var versionKey: String { rawValue }

    /// The format versions TimelineKit reads.
    public var supportedVersions: [Int] {
        switch self {
        case .timeline: return CompiledTimeline.supportedVersions
        case .program: return CompiledProgram.supportedVersions
        case .schedule: return ActivitySchedule.supportedVersions
        case .activityProgram: return ActivityProgram.supportedVersions
        }
    }

    /// A short human name: "timeline", "program", "schedule" or "activity program".
    public var description: String {
        switch self {
        case .timeline: return "timeline"
        case .program: return "program"
        case .schedule: return "schedule"
        case .activityProgram: return "activity program"
        }
    }
}
