"""The case file: the typed records, their rules and validation (YAML is read by docgen.located)."""

from docgen.case.model import ASSESSMENT_LABELS as ASSESSMENT_LABELS
from docgen.case.model import CHOICE_LABELS as CHOICE_LABELS
from docgen.case.model import LEVEL_LABELS as LEVEL_LABELS
from docgen.case.model import Agreement as Agreement
from docgen.case.model import Case as Case
from docgen.case.model import CaseLeader as CaseLeader
from docgen.case.model import Clerk as Clerk
from docgen.case.model import Closure as Closure
from docgen.case.model import Hearing as Hearing
from docgen.case.model import HistoryEvent as HistoryEvent
from docgen.case.model import Measure as Measure
from docgen.case.model import PanelMember as PanelMember
from docgen.case.model import Person as Person
from docgen.case.model import Petitioner as Petitioner
from docgen.case.model import Plan as Plan
from docgen.case.model import Relief as Relief
from docgen.case.model import Request as Request
from docgen.case.rules import RuleViolation as RuleViolation
from docgen.case.rules import check_case_id as check_case_id
from docgen.case.validate import LoadedCase as LoadedCase
from docgen.case.validate import notice_deadline_text as notice_deadline_text
from docgen.case.validate import parse_case as parse_case
from docgen.located import KeyPath as KeyPath
from docgen.located import StrictModel as StrictModel
