"""Located YAML: read with every key's place, validated into frozen models, every error in Chinese.

Case files and docgen.yaml are both read here, so a mistake in either is reported the same way:
at its line and column, in words a clerk understands, all problems of a file at once. Both are
YAML written by hand by clerks, and both are validated into pydantic records built from the same
field types, so one reader, one message table and one validator serve both.

- `reader`: the YAML as plain data, with where each key was written (duplicate keys, dates kept
  as text, files that are not UTF-8, tabs and other syntax errors reported at their place).
- `messages`: the Chinese message for each pydantic error.
- `validation`: a pydantic model validated against located YAML, each problem at its line.
- `fields`: the field types both files share (`StrictModel`, `Text`, `LongText`, `Date`, `Phone`,
  `rule`).
"""

from docgen.located.fields import ASCII_DIGITS as ASCII_DIGITS
from docgen.located.fields import Date as Date
from docgen.located.fields import LongText as LongText
from docgen.located.fields import OptionalLongText as OptionalLongText
from docgen.located.fields import OptionalText as OptionalText
from docgen.located.fields import Phone as Phone
from docgen.located.fields import StrictModel as StrictModel
from docgen.located.fields import Text as Text
from docgen.located.fields import rule as rule
from docgen.located.messages import QUOTE_REASONS as QUOTE_REASONS
from docgen.located.messages import TYPE_MESSAGES as TYPE_MESSAGES
from docgen.located.messages import Message as Message
from docgen.located.messages import for_error as for_error
from docgen.located.messages import missing_field as missing_field
from docgen.located.messages import unknown_field as unknown_field
from docgen.located.messages import unquoted as unquoted
from docgen.located.reader import SYNTAX_HINT as SYNTAX_HINT
from docgen.located.reader import KeyPath as KeyPath
from docgen.located.reader import LocatedYaml as LocatedYaml
from docgen.located.reader import field_path as field_path
from docgen.located.reader import load_located as load_located
from docgen.located.reader import root_mapping as root_mapping
from docgen.located.validation import MAX_PROBLEMS as MAX_PROBLEMS
from docgen.located.validation import M as M
from docgen.located.validation import Validated as Validated
from docgen.located.validation import by_position as by_position
from docgen.located.validation import capped as capped
from docgen.located.validation import located_error as located_error
from docgen.located.validation import validate_model as validate_model
