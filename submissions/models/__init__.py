from submissions.models.calls import Call, DeadlineExtension, Requirement, RequirementRule
from submissions.models.files import MaterialFile, RuleVerdict, UploadSession
from submissions.models.items import Activity, Submission

__all__ = [
    "Activity",
    "Call",
    "DeadlineExtension",
    "MaterialFile",
    "Requirement",
    "RequirementRule",
    "RuleVerdict",
    "Submission",
    "UploadSession",
]
