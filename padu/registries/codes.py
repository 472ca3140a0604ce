"""The register's coded items, with the codes Dukcapil's SIAK uses (and OpenSID keeps), so an
export reads straight in and a book prints the words villages know. Labels are English in code
and Indonesian in the catalogue."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Religion(models.IntegerChoices):
    ISLAM = 1, _("Islam")
    PROTESTANT = 2, _("Christian (Protestant)")
    CATHOLIC = 3, _("Catholic")
    HINDU = 4, _("Hindu")
    BUDDHIST = 5, _("Buddhist")
    CONFUCIAN = 6, _("Confucian (Khonghucu)")
    BELIEF = 7, _("Belief in God Almighty (kepercayaan)")


class MaritalStatus(models.IntegerChoices):
    NOT_MARRIED = 1, _("Not married")
    MARRIED = 2, _("Married")
    DIVORCED = 3, _("Divorced")
    WIDOWED = 4, _("Widowed")


class Relationship(models.IntegerChoices):
    """Status hubungan dalam keluarga (SHDK), as printed on the KK."""

    HEAD = 1, _("Head of family")
    HUSBAND = 2, _("Husband")
    WIFE = 3, _("Wife")
    CHILD = 4, _("Child")
    CHILD_IN_LAW = 5, _("Son- or daughter-in-law")
    GRANDCHILD = 6, _("Grandchild")
    PARENT = 7, _("Parent")
    PARENT_IN_LAW = 8, _("Parent-in-law")
    OTHER_RELATIVE = 9, _("Other relative")
    HOUSEHOLD_HELP = 10, _("Household help")
    OTHER = 11, _("Other")


class Education(models.IntegerChoices):
    """Pendidikan dalam KK."""

    NONE = 1, _("No schooling yet")
    PRIMARY_INCOMPLETE = 2, _("Primary school not finished")
    PRIMARY = 3, _("Primary school (SD) or equal")
    JUNIOR = 4, _("Junior secondary (SLTP) or equal")
    SENIOR = 5, _("Senior secondary (SLTA) or equal")
    DIPLOMA_1_2 = 6, _("Diploma I/II")
    DIPLOMA_3 = 7, _("Academy / Diploma III")
    BACHELOR = 8, _("Diploma IV / Bachelor (S1)")
    MASTER = 9, _("Master (S2)")
    DOCTORATE = 10, _("Doctorate (S3)")


class BloodType(models.IntegerChoices):
    A = 1, "A"
    B = 2, "B"
    AB = 3, "AB"
    O = 4, "O"  # noqa: E741 - the blood type's name
    A_POS = 5, "A+"
    A_NEG = 6, "A-"
    B_POS = 7, "B+"
    B_NEG = 8, "B-"
    AB_POS = 9, "AB+"
    AB_NEG = 10, "AB-"
    O_POS = 11, "O+"
    O_NEG = 12, "O-"
    UNKNOWN = 13, _("Not known")


class Disability(models.IntegerChoices):
    """Kinds of disability as SIAK records them; 0 is none."""

    NONE = 0, _("None")
    PHYSICAL = 1, _("Physical")
    VISUAL = 2, _("Visual (blind)")
    HEARING_SPEECH = 3, _("Hearing or speech")
    MENTAL = 4, _("Mental or psychosocial")
    PHYSICAL_MENTAL = 5, _("Physical and mental")
    OTHER = 6, _("Other")


class Citizenship(models.IntegerChoices):
    WNI = 1, _("Indonesian citizen (WNI)")
    WNA = 2, _("Foreign citizen (WNA)")
    DUAL = 3, _("Dual citizenship (child)")


class ResidentStatus(models.TextChoices):
    """How the person lives in the village."""

    PERMANENT = "tetap", _("Permanent")
    NEWCOMER = "pendatang", _("Newcomer (not yet moved in on the KK)")
    TEMPORARY = "sementara", _("Temporary")


class KtpStatus(models.IntegerChoices):
    """The e-KTP (KTP-el) recording status."""

    NOT_REQUIRED = 1, _("Not yet required (under 17, never married)")
    NOT_RECORDED = 2, _("Not recorded")
    RECORDED = 3, _("Recorded")
    CARD_PRINTED = 4, _("Card printed")
    PRINT_READY = 5, _("Print-ready record")
    CARD_SHIPPED = 6, _("Card shipped")
    SENT_FOR_PRINTING = 7, _("Sent for card printing")
    CARD_ISSUED = 8, _("Card issued")


class Insurance(models.IntegerChoices):
    NONE = 1, _("None")
    BPJS_PBI = 2, _("BPJS Kesehatan, contribution paid by the state (PBI)")
    BPJS_NON_PBI = 3, _("BPJS Kesehatan, own contribution (non-PBI)")
    OTHER = 99, _("Other insurance")


class LifeStatus(models.TextChoices):
    """Where the person stands in this village's register."""

    PRESENT = "ada", _("Present")
    DEAD = "mati", _("Died")
    MOVED_OUT = "pindah", _("Moved out")
    MISSING = "hilang", _("Missing")


class Occupation(models.IntegerChoices):
    """Jenis pekerjaan, the 89 codes of SIAK."""

    NOT_WORKING = 1, _("Not working")
    HOMEMAKER = 2, _("Homemaker")
    STUDENT = 3, _("Pupil or student")
    RETIRED = 4, _("Retired")
    CIVIL_SERVANT = 5, _("Civil servant (PNS)")
    ARMY = 6, _("Armed forces (TNI)")
    POLICE = 7, _("Police")
    TRADE = 8, _("Trade")
    FARMER = 9, _("Farmer or planter")
    LIVESTOCK = 10, _("Livestock farmer")
    FISHER = 11, _("Fisher")
    INDUSTRY = 12, _("Industry")
    CONSTRUCTION = 13, _("Construction")
    TRANSPORT = 14, _("Transport")
    PRIVATE_EMPLOYEE = 15, _("Private employee")
    SOE_EMPLOYEE = 16, _("State-owned enterprise (BUMN) employee")
    REGIONAL_SOE_EMPLOYEE = 17, _("Regional enterprise (BUMD) employee")
    HONORARY_EMPLOYEE = 18, _("Honorary employee")
    DAY_LABOURER = 19, _("Day labourer")
    FARM_LABOURER = 20, _("Farm or plantation labourer")
    FISHERY_LABOURER = 21, _("Fishery labourer")
    LIVESTOCK_LABOURER = 22, _("Livestock labourer")
    DOMESTIC_WORKER = 23, _("Domestic worker")
    BARBER = 24, _("Barber")
    ELECTRICIAN = 25, _("Electrician")
    MASON = 26, _("Mason")
    CARPENTER = 27, _("Carpenter")
    COBBLER = 28, _("Cobbler")
    WELDER = 29, _("Welder or blacksmith")
    TAILOR = 30, _("Tailor")
    DENTAL_TECHNICIAN = 31, _("Dental technician")
    MAKE_UP_ARTIST = 32, _("Make-up artist")
    DRESSER = 33, _("Dresser")
    HAIRDRESSER = 34, _("Hairdresser")
    MECHANIC = 35, _("Mechanic")
    ARTIST = 36, _("Artist")
    HEALER = 37, _("Traditional healer")
    TRADITIONAL_MIDWIFE = 38, _("Traditional midwife (paraji)")
    FASHION_DESIGNER = 39, _("Fashion designer")
    TRANSLATOR = 40, _("Translator")
    IMAM = 41, _("Imam")
    MINISTER = 42, _("Minister (pendeta)")
    PRIEST = 43, _("Priest (pastor)")
    JOURNALIST = 44, _("Journalist")
    PREACHER = 45, _("Preacher (ustadz/mubaligh)")
    COOK = 46, _("Cook")
    EVENT_PROMOTER = 47, _("Event promoter")
    DPR_MEMBER = 48, _("Member of the DPR")
    DPD_MEMBER = 49, _("Member of the DPD")
    BPK_MEMBER = 50, _("Member of the BPK")
    PRESIDENT = 51, _("President")
    VICE_PRESIDENT = 52, _("Vice-president")
    CONSTITUTIONAL_JUDGE = 53, _("Constitutional Court judge")
    CABINET_MEMBER = 54, _("Cabinet member")
    AMBASSADOR = 55, _("Ambassador")
    GOVERNOR = 56, _("Governor")
    VICE_GOVERNOR = 57, _("Vice-governor")
    REGENT = 58, _("Regent (bupati)")
    VICE_REGENT = 59, _("Vice-regent")
    MAYOR = 60, _("Mayor")
    VICE_MAYOR = 61, _("Vice-mayor")
    PROVINCIAL_DPRD_MEMBER = 62, _("Member of a provincial DPRD")
    REGENCY_DPRD_MEMBER = 63, _("Member of a regency or city DPRD")
    LECTURER = 64, _("Lecturer")
    TEACHER = 65, _("Teacher")
    PILOT = 66, _("Pilot")
    LAWYER = 67, _("Lawyer")
    NOTARY = 68, _("Notary")
    ARCHITECT = 69, _("Architect")
    ACCOUNTANT = 70, _("Accountant")
    CONSULTANT = 71, _("Consultant")
    DOCTOR = 72, _("Doctor")
    MIDWIFE = 73, _("Midwife")
    NURSE = 74, _("Nurse")
    PHARMACIST = 75, _("Pharmacist")
    PSYCHOLOGIST = 76, _("Psychiatrist or psychologist")
    TV_PRESENTER = 77, _("Television presenter")
    RADIO_PRESENTER = 78, _("Radio presenter")
    SAILOR = 79, _("Sailor")
    RESEARCHER = 80, _("Researcher")
    DRIVER = 81, _("Driver")
    BROKER = 82, _("Broker")
    PSYCHIC = 83, _("Psychic")
    MERCHANT = 84, _("Merchant")
    VILLAGE_OFFICIAL = 85, _("Village official")
    VILLAGE_HEAD = 86, _("Village head")
    NUN = 87, _("Nun")
    SELF_EMPLOYED = 88, _("Self-employed")
    OTHER = 89, _("Other")


# Items only officers who keep the register (and the agency's administrator) see: UU PDP
# Pasal 4 counts religion, health (disability, insurance) and the certificates' data among the
# specific personal data.
SENSITIVE_FIELDS = frozenset(
    {
        "religion",
        "disability",
        "insurance",
        "blood_type",
        "birth_certificate_number",
        "birth_certificate_date",
        "marriage_certificate_number",
        "marriage_date",
        "divorce_certificate_number",
        "divorce_date",
    }
)
