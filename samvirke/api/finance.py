"""Allocation previews: the calculator's arithmetic as data; nothing is stored."""

from __future__ import annotations

from ninja import Router
from ninja.errors import HttpError

from samvirke.finance import services
from samvirke.finance.serialize import comparison_data, result_data

router = Router(tags=["allocation"])


@router.get("/allocation")
def allocation(
    request,
    budget: str,
    key: str,
    period: str,
    participants: str = "",
    year: int | None = None,
    compare: str = "",
):
    """Share a budget (NOK) by a key; ``compare`` adds other keys separated by "|". Without
    participants: the region's members (under /r/<slug>/api/v1/ that region's, else the
    installation's default region's)."""
    keys = [key, *(k.strip() for k in compare.split("|") if k.strip())]
    try:
        inputs = services.read_inputs(
            budget, keys, period, participants, year, organisation=request.region or None
        )
        data = result_data(services.allocate(inputs))
        if compare:
            data["comparison"] = comparison_data(*services.compare(inputs))
    except services.AllocationInputError as exc:
        raise HttpError(422, f"{exc.field}: {exc.message}") from None
    return data
