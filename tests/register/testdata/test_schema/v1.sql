-- A register as docgen wrote it at schema version 1 (frozen copy: never edit).
CREATE TABLE doc_number (
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL CHECK (serial > 0),
    text TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL,
    recipient_key TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series, year, serial)
);
CREATE UNIQUE INDEX doc_number_key ON doc_number (series, year, case_id, recipient_key);
INSERT INTO doc_number VALUES ('hearing_notice', 2020, 1, '某信听〔2020〕1号', 'XF2020-018', 'petitioner:王建国');
INSERT INTO doc_number VALUES ('hearing_notice', 2020, 2, '某信听〔2020〕2号', 'XF2020-018', 'panel:李明');
INSERT INTO doc_number VALUES ('resolution_plan', 2020, 1, '某信案〔2020〕1号', 'XF2020-018', '');
PRAGMA user_version = 1;
