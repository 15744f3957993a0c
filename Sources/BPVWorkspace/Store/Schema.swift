import GRDB

/// The workspace schema, versioned by migrations: never edit a registered migration, add one.
enum Schema {
    /// The audit log's guards as the migrations made them, for code that must lift them for a
    /// moment (an erasure, a mirror's reload).
    static let auditNoUpdate = "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    static let auditNoDelete = "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: students, internships, audit") { db in
            try db.create(table: "student") { t in
                t.primaryKey("id", .text)
                t.column("name", .text)
                t.column("level", .text).notNull()
                t.column("sectors", .text).notNull()
                t.column("lat", .double).notNull()
                t.column("lon", .double).notNull()
                t.column("travel_mode", .text).notNull()
                t.column("max_travel_min", .integer).notNull()
                t.column("needs", .text).notNull()
                t.column("certificates", .text).notNull()
                t.column("priority", .integer).notNull()
                t.column("coach", .text)
            }
            try db.create(table: "internship") { t in
                t.primaryKey("id", .text)
                t.column("employer", .text).notNull()
                t.column("leerbedrijf_id", .text)
                t.column("sector", .text).notNull()
                t.column("lat", .double).notNull()
                t.column("lon", .double).notNull()
                t.column("capacity", .integer).notNull()
                t.column("support_capacity", .integer).notNull()
                t.column("offers", .text).notNull()
                t.column("requires", .text).notNull()
                t.column("levels", .text).notNull()
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("at", .text).notNull()
                t.column("user", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("reason", .text)
            }
            // Append-only: the log cannot be edited or emptied through SQL either.
            try db.execute(sql: """
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        m.registerMigration("v2: pins, bans, rounds, placements, commitments") { db in
            try db.create(table: "pin") { t in
                t.primaryKey("student_id", .text).references("student", onDelete: .cascade)
                t.column("internship_id", .text).notNull().references("internship", onDelete: .cascade)
                t.column("reason", .text).notNull()
            }
            try db.create(table: "ban") { t in
                t.column("student_id", .text).notNull().references("student", onDelete: .cascade)
                t.column("internship_id", .text).notNull().references("internship", onDelete: .cascade)
                t.column("reason", .text).notNull()
                t.primaryKey(["student_id", "internship_id"])
            }
            try db.create(table: "round") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("created_at", .text).notNull()
                t.column("user", .text).notNull()
                t.column("settings", .text).notNull()
                t.column("placed", .integer).notNull()
                t.column("unplaced", .integer).notNull()
                t.column("total_score", .integer).notNull()
            }
            // One row per student per round: the draft (internship or NULL for unplaced).
            try db.create(table: "placement") { t in
                t.column("round_id", .integer).notNull().references("round", onDelete: .cascade)
                t.column("student_id", .text).notNull()
                t.column("internship_id", .text)
                t.column("score", .integer)
                t.column("travel_min", .integer)
                t.primaryKey(["round_id", "student_id"])
            }
            // Final placements: locked; every later round works around them.
            try db.create(table: "commitment") { t in
                t.primaryKey("student_id", .text).references("student", onDelete: .cascade)
                t.column("internship_id", .text).notNull().references("internship", onDelete: .cascade)
                t.column("round_id", .integer).notNull()
                t.column("score", .integer)
                t.column("travel_min", .integer)
            }
        }
        m.registerMigration("v3: settings") { db in
            try db.create(table: "setting") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        m.registerMigration("v4: per-student settings") { db in
            // A job coach's change for one student (a longer travel limit), kept apart from the
            // imported record so that a re-import does not silently undo it.
            try db.create(table: "student_setting") { t in
                t.column("student_id", .text).notNull().references("student", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["student_id", "name"])
            }
        }
        m.registerMigration("v5: one placement register") { db in
            // One row per student who holds a place or has one in the current draft: the draft,
            // the pins and the commitments in one table, so that they can never disagree.
            // Rounds and their placement rows stay as the history of solves.
            try db.create(table: "register") { t in
                t.primaryKey("student_id", .text).references("student", onDelete: .cascade)
                t.column("internship_id", .text).notNull().references("internship", onDelete: .cascade)
                t.column("status", .text).notNull().check(sql: "status IN ('draft', 'pinned', 'committed')")
                t.column("reason", .text)
                t.column("round_id", .integer)
                t.column("score", .integer)
                t.column("travel_min", .integer)
                // The audit entry that last wrote the row.
                t.column("seq", .integer).notNull()
            }
            try db.create(index: "register_by_internship", on: "register", columns: ["internship_id", "status"])
            try db.execute(sql: """
                INSERT INTO register (student_id, internship_id, status, reason, round_id, score, travel_min, seq)
                    SELECT student_id, internship_id, 'committed', NULL, round_id, score, travel_min, 0 FROM commitment;
                INSERT INTO register (student_id, internship_id, status, reason, round_id, score, travel_min, seq)
                    SELECT p.student_id, p.internship_id, 'pinned', p.reason, NULL, NULL, NULL, 0 FROM pin p
                    WHERE p.student_id NOT IN (SELECT student_id FROM commitment);
                INSERT INTO register (student_id, internship_id, status, reason, round_id, score, travel_min, seq)
                    SELECT student_id, internship_id, 'draft', NULL, round_id, score, travel_min, 0 FROM placement
                    WHERE round_id = (SELECT MAX(id) FROM round) AND internship_id IS NOT NULL
                      AND student_id NOT IN (SELECT student_id FROM register)
                      AND student_id IN (SELECT id FROM student) AND internship_id IN (SELECT id FROM internship);
                DROP TABLE pin;
                DROP TABLE commitment;
                """)
            // Who and what an audit entry is about, so that `undo` can say who changed it since.
            try db.alter(table: "audit") { t in
                t.add(column: "student_id", .text)
                t.add(column: "internship_id", .text)
            }
        }
        m.registerMigration("v6: placement statuses and the history") { db in
            // The register gains the year's statuses: a commitment becomes an agreed placement.
            try db.create(table: "register_v6") { t in
                t.primaryKey("student_id", .text).references("student", onDelete: .cascade)
                t.column("internship_id", .text).notNull().references("internship", onDelete: .cascade)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('draft', 'pinned', 'proposed', 'agreed', 'active')")
                t.column("reason", .text)
                t.column("round_id", .integer)
                t.column("score", .integer)
                t.column("travel_min", .integer)
                t.column("seq", .integer).notNull()
                // Set by `start`: the day the praktijkovereenkomst starts, and its planned end (ISO dates).
                t.column("start_date", .text)
                t.column("planned_end", .text)
            }
            try db.execute(sql: """
                INSERT INTO register_v6 (student_id, internship_id, status, reason, round_id, score, travel_min, seq)
                    SELECT student_id, internship_id, CASE status WHEN 'committed' THEN 'agreed' ELSE status END,
                           reason, round_id, score, travel_min, seq FROM register;
                DROP TABLE register;
                ALTER TABLE register_v6 RENAME TO register;
                """)
            try db.create(index: "register_by_internship", on: "register", columns: ["internship_id", "status"])
            // Every placement that ended or a proposal that was declined: the student's history.
            try db.create(table: "history") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("student_id", .text).notNull().references("student", onDelete: .cascade)
                t.column("internship_id", .text).notNull()
                t.column("employer", .text).notNull()
                // declined_by_employer, declined_by_student, completed, broke_down, left, other
                t.column("outcome", .text).notNull()
                t.column("start_date", .text)
                t.column("end_date", .text)
                t.column("user", .text).notNull()
                t.column("reason", .text)
                t.column("seq", .integer).notNull()
            }
            try db.create(index: "history_by_student", on: "history", columns: ["student_id"])
        }
        m.registerMigration("v7: availability dates, the round's date, registration day") { db in
            try db.alter(table: "student") { t in
                t.add(column: "available_from", .text)
                // The day the student was first imported: the start of waiting when nothing later is known.
                t.add(column: "registered_on", .text)
            }
            try db.alter(table: "internship") { t in
                t.add(column: "available_from", .text)
                t.add(column: "available_until", .text)
            }
            try db.alter(table: "round") { t in t.add(column: "date", .text) }
            try db.execute(sql: "UPDATE student SET registered_on = date('now')")
        }
        m.registerMigration("v8: employers") { db in
            // Employers as records (an employer file); internships may name theirs.
            try db.create(table: "employer") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("leerbedrijf_id", .text)
                t.column("town", .text)
                t.column("contact", .text)
                t.column("phone", .text)
                t.column("email", .text)
            }
            try db.alter(table: "internship") { t in t.add(column: "employer_id", .text) }
        }
        m.registerMigration("v9: a next placement after the current one") { db in
            // A student may hold two rows: the current placement (phase 0) and, once the current
            // one's planned end lies before a round's date, the next one (phase 1), which becomes
            // the current one when the first is ended. See `RegisterRow`.
            try db.create(table: "register_v9") { t in
                t.column("student_id", .text).notNull().references("student", onDelete: .cascade)
                t.column("phase", .integer).notNull().defaults(to: 0).check(sql: "phase IN (0, 1)")
                t.column("internship_id", .text).notNull().references("internship", onDelete: .cascade)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('draft', 'pinned', 'proposed', 'agreed', 'active')")
                t.column("reason", .text)
                t.column("round_id", .integer)
                t.column("score", .integer)
                t.column("travel_min", .integer)
                t.column("seq", .integer).notNull()
                t.column("start_date", .text)
                t.column("planned_end", .text)
                t.primaryKey(["student_id", "phase"])
            }
            try db.execute(sql: """
                INSERT INTO register_v9 (student_id, phase, internship_id, status, reason, round_id, score, travel_min, seq, start_date, planned_end)
                    SELECT student_id, 0, internship_id, status, reason, round_id, score, travel_min, seq, start_date, planned_end FROM register;
                DROP TABLE register;
                ALTER TABLE register_v9 RENAME TO register;
                """)
            try db.create(index: "register_by_internship", on: "register", columns: ["internship_id", "status"])
        }
        m.registerMigration("v10: the student's school") { db in
            try db.alter(table: "student") { t in t.add(column: "school", .text) }
        }
        m.registerMigration("v11: days per week of a placement") { db in
            try db.alter(table: "register") { t in t.add(column: "days_per_week", .integer) }
            try db.alter(table: "history") { t in t.add(column: "days_per_week", .integer) }
        }
        m.registerMigration("v12: levels pro and vso, the exit profile") { db in
            try db.alter(table: "student") { t in t.add(column: "profile", .text) }
            // Before pro and vso existed, every level was entree|2|3|4: such an internship took
            // every pupil, and still does. One that named fewer levels keeps them.
            try db.execute(sql: "UPDATE internship SET levels = 'pro|vso|entree|2|3|4' WHERE levels = 'entree|2|3|4'")
        }
        m.registerMigration("v13: postcode areas and measured travel times") { db in
            try db.alter(table: "student") { t in t.add(column: "postcode", .integer) }
            try db.alter(table: "internship") { t in t.add(column: "postcode", .integer) }
            // A router's door-to-door times between PC4 areas, by mode (import travel-times).
            try db.create(table: "travel_time") { t in
                t.column("from_pc", .integer).notNull()
                t.column("to_pc", .integer).notNull()
                t.column("mode", .text).notNull()
                t.column("minutes", .integer).notNull()
                t.primaryKey(["from_pc", "to_pc", "mode"])
            }
        }
        return m
    }
}
