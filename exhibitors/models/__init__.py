"""Exhibitor booth applications (展览洽谈): what an exhibitor asks for, the booths the committee
assigns, the signed and sealed confirmation agreement, and the payment."""

from exhibitors.models.applications import (
    ApplicationMessage,
    ApplicationPicture,
    BoardAdmission,
    BoothApplication,
    RepresentativeEnterprise,
)
from exhibitors.models.booths import Booth, BoothAssignment
from exhibitors.models.confirmation import AgreementScan, Payment
from exhibitors.models.settings import ExhibitionSettings

__all__ = [
    "AgreementScan",
    "ApplicationMessage",
    "ApplicationPicture",
    "BoardAdmission",
    "Booth",
    "BoothApplication",
    "BoothAssignment",
    "ExhibitionSettings",
    "Payment",
    "RepresentativeEnterprise",
]
