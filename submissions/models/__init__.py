from submissions.models.achievements import (
    CaseCategory,
    CasePrompt,
    ReportCall,
    StatisticMetric,
)
from submissions.models.calls import (
    Call,
    CallMilestone,
    DeadlineExtension,
    Requirement,
    RequirementRule,
)
from submissions.models.exports import ExportJob
from submissions.models.files import MaterialFile, RuleVerdict, UploadSession
from submissions.models.items import Activity, Submission
from submissions.models.review import EmailTemplate, ReminderLog, ReminderRule, ReviewEvent

__all__ = [
    "Activity",
    "Call",
    "CallMilestone",
    "CaseCategory",
    "CasePrompt",
    "DeadlineExtension",
    "EmailTemplate",
    "ExportJob",
    "MaterialFile",
    "ReportCall",
    "ReminderLog",
    "ReminderRule",
    "Requirement",
    "RequirementRule",
    "ReviewEvent",
    "RuleVerdict",
    "StatisticMetric",
    "Submission",
    "UploadSession",
]
