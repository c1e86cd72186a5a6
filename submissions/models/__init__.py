from submissions.models.calls import Call, Requirement, RequirementRule
from submissions.models.deadlines import CallMilestone, DeadlineExtension
from submissions.models.exports import ExportJob
from submissions.models.files import MaterialFile, RuleVerdict
from submissions.models.items import Activity, Submission
from submissions.models.review import EmailTemplate, ReminderLog, ReminderRule, ReviewEvent

__all__ = [
    "Activity",
    "Call",
    "CallMilestone",
    "DeadlineExtension",
    "EmailTemplate",
    "ExportJob",
    "MaterialFile",
    "ReminderLog",
    "ReminderRule",
    "Requirement",
    "RequirementRule",
    "ReviewEvent",
    "RuleVerdict",
    "Submission",
]
