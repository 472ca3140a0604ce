"""Models of padu.billing: bills and payments (bills.py)."""

from padu.billing.models.bills import (
    Bill,
    BillLine,
    BillStatus,
    ChannelKind,
    ChannelRequest,
    PayerKind,
    Payment,
    PaymentChannel,
    QrisCriteria,
    Receipt,
    RefundRequest,
    RefundStatus,
    RequestKind,
    SourceKind,
)
from padu.billing.models.settlements import (
    MatchResult,
    Resolution,
    SettlementLine,
    SettlementStatement,
    StatementStatus,
)

__all__ = [
    "Bill",
    "BillLine",
    "BillStatus",
    "ChannelKind",
    "ChannelRequest",
    "PayerKind",
    "Payment",
    "PaymentChannel",
    "QrisCriteria",
    "Receipt",
    "RefundRequest",
    "RefundStatus",
    "RequestKind",
    "SourceKind",
    "MatchResult",
    "Resolution",
    "SettlementLine",
    "SettlementStatement",
    "StatementStatus",
]
