"""Template helper of the staff case page: the way to record a counter applicant's paper
satisfaction questionnaire, for the front-desk officers who may."""

from __future__ import annotations

from typing import Any

from django import template

from padu.core.actors import actor_from_request
from padu.services.models import Application, ApplicationStatus, Channel, SurveySource
from padu.services.selectors import survey_done
from padu.services.survey import survey_source

register = template.Library()


@register.inclusion_tag("services/_survey_paper.html", takes_context=True)
def survey_paper_link(context: dict[str, Any], application: Application) -> dict[str, Any]:
    """A completed counter case not rated yet, seen by a front-desk officer of its agency."""
    request = context.get("request")
    show = (
        request is not None
        and application.channel == Channel.COUNTER
        and application.status == ApplicationStatus.COMPLETED
        and survey_source(actor_from_request(request), application) == SurveySource.PAPER
        and not survey_done(application)
    )
    return {"application": application, "show": show}
