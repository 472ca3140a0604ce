"""The letter a service issues for an application.

- What the letter knows of the case (`letter_context_for`) and the list of placeholders the
  template editor offers (`letter_placeholders`), both from code.
- What the signer sees before signing (`signing_preview`): the letter as it will be issued.
- The applicant is the subject of the letter issued for their application (UU PDP): a
  download of that letter by anyone else is logged in the applicant's access log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.accounts.models import CitizenProfile
from padu.core.actors import Actor
from padu.core.errors import NotFound
from padu.core.identifiers import mask_identifier
from padu.core.models import Membership
from padu.core.numbering import number_peek
from padu.core.roles import Role
from padu.documents.models import IssuedDocument
from padu.documents.rendering import BASE_PLACEHOLDERS
from padu.documents.selectors import letter_template_current
from padu.documents.services import letter_preview_html
from padu.documents.subjects import LetterSubject
from padu.services.formdef import text_in
from padu.services.models import Application, ServiceVersion
from padu.services.register import REGISTER_PLACEHOLDERS, letter_register_values, register_facts, register_note

# What every letter of a service knows about the applicant and the case (`letter_context_for`).
APPLICANT_PLACEHOLDERS: tuple[tuple[str, Promise], ...] = (
    ("pemohon.nama", gettext_lazy("Applicant's name")),
    ("pemohon.nik", gettext_lazy("Applicant's NIK (in full)")),
    ("pemohon.nik_samaran", gettext_lazy("Applicant's NIK, masked (3204********0001)")),
    ("pemohon.tempat_lahir", gettext_lazy("Applicant's place of birth")),
    ("pemohon.tanggal_lahir", gettext_lazy("Applicant's date of birth")),
    ("pemohon.jenis_kelamin", gettext_lazy("Applicant's sex")),
    ("pemohon.alamat", gettext_lazy("Applicant's address")),
    ("layanan", gettext_lazy("The service's name")),
    ("nomor_permohonan", gettext_lazy("The application's tracking number")),
)
# Answers that do not print as text on a letter.
_NOT_PRINTED = {"file", "group"}


@dataclass(frozen=True)
class Placeholder:
    path: str
    label: str
    group: str

    @property
    def token(self) -> str:
        return "{{ " + self.path + " }}"


def letter_placeholders(versions: Iterable[ServiceVersion] = ()) -> list[Placeholder]:
    """Everything a letter template may print, in the reader's language: the letter's own
    data, the applicant, and the answers of the forms of `versions` (the services that issue
    the letter)."""
    letter, applicant, answers = _("The letter"), _("The applicant"), _("The form's answers")
    register = _("From the population register")
    out = [Placeholder(path, str(label), letter) for path, label in BASE_PLACEHOLDERS]
    out += [Placeholder(path, str(label), applicant) for path, label in APPLICANT_PLACEHOLDERS]
    out += [Placeholder(path, str(label), register) for path, label in REGISTER_PLACEHOLDERS]
    seen: set[str] = set()
    for version in versions:
        for field in version.form.get("fields", []) if isinstance(version.form, dict) else []:
            name = str(field.get("name") or "")
            if not name or name in seen or field.get("type") in _NOT_PRINTED:
                continue
            seen.add(name)
            label = text_in(field.get("label")) or name
            out.append(Placeholder(f"jawaban.{name}", f"{label} ({version.name})", answers))
    return out


def _letter_context(application: Application, actor: Actor | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The letter's data and the register's facts about the applicant (None when the register
    does not have them). The register wins over what the applicant typed on their profile."""
    version = application.service_version
    profile = CitizenProfile.objects.select_related("region").filter(user_id=application.applicant_id).first()
    applicant: dict[str, Any] = {"nama": str(application.applicant)}
    facts: dict[str, Any] | None = None
    if profile is not None:
        nik = profile.nik
        applicant.update(
            {
                "nama": profile.name,
                "nik": nik,
                "nik_samaran": mask_identifier(nik),
                "tempat_lahir": profile.birth_place,
                "tanggal_lahir": date_format(profile.birth_date, "j F Y"),
                "jenis_kelamin": profile.get_gender_display(),
                "alamat": f"{profile.street}, {profile.region.name}",
            }
        )
        facts = register_facts(
            agency_id=application.agency_id,
            nik=nik,
            actor=actor,
            purpose=_("Letter for application %(number)s") % {"number": application.tracking_number},
        )
    context: dict[str, Any] = {
        "pemohon": applicant,
        "jawaban": application.answers,
        "layanan": version.name,
        "nomor_permohonan": application.tracking_number,
    }
    if facts is not None:
        register = letter_register_values(facts)
        for key in ("nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat"):
            if register.get(key):
                applicant[key] = register[key]
        context["penduduk"] = register
    return context, facts


def letter_context_for(application: Application, actor: Actor | None = None) -> dict[str, Any]:
    """The data of the letter issued for `application` (for the PDF only; never stored).
    `actor` is who reads it (the signer): their read of the register is logged."""
    return _letter_context(application, actor)[0]


@dataclass(frozen=True)
class SigningPreview:
    """What the signer reads before signing the last step of a case that issues a letter."""

    letter: str  # the letter's name
    applicant: str
    number: str  # the number it will probably get (taken only when signed), or ""
    html: SafeString | None  # the letter as it will be issued; None without a template
    problem: str = ""
    # Where the applicant's data comes from: the register (its village, when it last changed)
    # or what the applicant typed.
    register_note: str = ""
    from_register: bool = False


def signing_preview(actor: Actor, application: Application) -> SigningPreview | None:
    """The letter the actor is about to sign, when approving the case's current step issues
    it (the last step of a service with a letter) and the actor is one of its signers; else None."""
    version = application.service_version
    if not version.document_kind or application.step + 1 < len(version.workflow) or actor.user_id is None:
        return None
    membership = (
        Membership.objects.select_related("user")
        .filter(user_id=actor.user_id, agency_id=application.agency_id, role=Role.SIGNER, is_active=True)
        .first()
    )
    if membership is None:
        return None
    context, facts = _letter_context(application, actor)
    applicant = str(context["pemohon"].get("nama") or application.applicant)
    note = register_note(facts, application.agency.time_zone)
    template = letter_template_current(application.agency_id, version.document_kind)
    if template is None:
        return SigningPreview(
            letter=version.name,
            applicant=applicant,
            number="",
            html=None,
            problem=_("The office has no letter template for this service yet; ask its administrator."),
            register_note=note,
            from_register=facts is not None,
        )
    number = number_peek(agency=application.agency, kind=version.document_kind) or ""
    shown = number or _("(the number is given when the letter is signed)")
    html = letter_preview_html(
        actor=actor, template=template, context=context, signer_membership=membership, number=shown
    )
    return SigningPreview(
        letter=template.name,
        applicant=applicant,
        number=number,
        html=html,
        register_note=note,
        from_register=facts is not None,
    )


# What `services._issue_document` puts in every letter about the applicant (`pemohon.*`);
# the letter may also print any of the form's answers (`jawaban.*`).
LETTER_FIELDS = ("name", "nik", "birth_place", "birth_date", "gender", "address")


def letter_fields(answers: Any) -> tuple[str, ...]:
    return LETTER_FIELDS + (tuple(sorted(answers)) if isinstance(answers, dict) else ())


def application_letter_subjects(document_ids: list[int]) -> dict[int, LetterSubject]:
    rows = Application.objects.filter(document_id__in=document_ids).values_list(
        "document_id", "applicant_id", "answers"
    )
    return {
        document_id: LetterSubject(applicant_id, letter_fields(answers)) for document_id, applicant_id, answers in rows
    }


def application_letter_for_token(actor: Actor, application_id: int) -> IssuedDocument:
    """The letter issued for an application, for another system holding the issuing agency's
    token (the endpoint checks `documents:read`): the same letters the agency's register gives
    it (`GET /agencies/{id}/documents/{id}/pdf`), never the case itself."""
    token = actor.token
    if token is None:
        raise NotFound(_("Application not found."), code="application_not_found")
    application = Application.objects.select_related("document__agency").filter(pk=application_id).first()
    document = application.document if application is not None else None
    # A case without a letter, or another agency's, is as unknown to the token as a missing one.
    if document is None or document.agency_id != token.agency_id:
        raise NotFound(_("Application not found."), code="application_not_found")
    return document
