/// The region's register on a PostgreSQL server: its tables, its roles and who sees which
/// pupil, as versioned migrations (like the SQLite workspace's, `Schema.swift`).
///
/// Tables keep the SQLite workspace's names and columns (one storage seam runs the same records
/// on both), in a schema of their own, `bpv`, with what a region adds: `school` and `member`.
///
/// Who sees what is enforced by PostgreSQL itself, not only by bpv, so that a coach who
/// connects with `psql` sees what bpv would show them and no more:
/// - four group roles, `bpv_regional` (every pupil; the regional match), `bpv_school` (the
///   pupils of their school), `bpv_coach` (their own caseload: the pupils of their school whose
///   `coach` is theirs) and `bpv_viewer` (pseudonymous overviews only, no pupil table);
/// - row-level security on `student`, and on every table that names a pupil a policy that
///   asks whether the pupil is visible (`EXISTS (SELECT 1 FROM student ...)`, in which the
///   student policies apply again), so the rule "who sees which pupil" has one home;
/// - the region's internships, employers, settings and travel times readable by every
///   coordinator and coach, written by the regional and school coordinators.
///
/// The audit log is append-only here too: no role is granted UPDATE or DELETE on it, and a
/// trigger refuses them for the owner as well.
public enum ServerSchema {
    /// One step of the server's schema: applied once, in order, each in its own transaction.
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var sql: String
    }

    /// The group roles and what a member of each may do.
    public enum Role: String, Sendable, CaseIterable {
        /// Every pupil of the region; runs the regional match.
        case regional
        /// The pupils of their own school.
        case school
        /// Their own caseload: tweak, why, propose.
        case coach
        /// Pseudonymous overviews only.
        case viewer

        /// The PostgreSQL group role.
        public var groupRole: String { "bpv_\(rawValue)" }

        /// Whether a member of this role belongs to one school.
        public var needsSchool: Bool { self == .school || self == .coach }
    }

    /// The tables that name a pupil by `student_id`, each guarded by the pupil's visibility.
    static let pupilTables = ["register", "ban", "student_setting", "history", "placement"]

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "the register's tables, schools and members", sql: tables),
        Migration(version: 2, name: "roles, grants and row-level security", sql: roles),
        Migration(version: 3, name: "the change log and the places others hold", sql: changes),
        Migration(version: 4, name: "a match's rows checked a statement at a time", sql: bulkChecks),
        Migration(version: 5, name: "a match's parents held by a table lock", sql: tableLockedChecks),
    ]

    /// The newest version `migrations` reach.
    public static var latest: Int { migrations.map(\.version).max() ?? 0 }

    static let tables = """
        CREATE TABLE bpv.school (
            id text PRIMARY KEY CHECK (id <> ''),
            name text NOT NULL
        );
        CREATE TABLE bpv.member (
            name text PRIMARY KEY,
            role text NOT NULL CHECK (role IN ('regional', 'school', 'coach', 'viewer')),
            school text REFERENCES bpv.school (id),
            coach text,
            CHECK ((role IN ('school', 'coach')) = (school IS NOT NULL))
        );
        CREATE TABLE bpv.student (
            id text PRIMARY KEY, name text, level text NOT NULL, sectors text NOT NULL,
            lat double precision NOT NULL, lon double precision NOT NULL, travel_mode text NOT NULL,
            max_travel_min integer NOT NULL, needs text NOT NULL, certificates text NOT NULL, priority integer NOT NULL,
            coach text, available_from text, registered_on text, school text REFERENCES bpv.school (id), profile text, postcode integer
        );
        CREATE INDEX student_school ON bpv.student (school, coach);
        CREATE TABLE bpv.employer (
            id text PRIMARY KEY, name text NOT NULL, leerbedrijf_id text, town text, contact text, phone text, email text
        );
        CREATE TABLE bpv.internship (
            id text PRIMARY KEY, employer text NOT NULL, leerbedrijf_id text, sector text NOT NULL,
            lat double precision NOT NULL, lon double precision NOT NULL, capacity integer NOT NULL,
            support_capacity integer NOT NULL, offers text NOT NULL, requires text NOT NULL, levels text NOT NULL,
            available_from text, available_until text, employer_id text, postcode integer
        );
        CREATE TABLE bpv.audit (
            seq bigserial PRIMARY KEY, at text NOT NULL, "user" text NOT NULL, action text NOT NULL, subject text NOT NULL,
            detail text NOT NULL, reason text, student_id text, internship_id text
        );
        CREATE FUNCTION bpv.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
        CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON bpv.audit
            FOR EACH ROW EXECUTE FUNCTION bpv.audit_append_only();
        CREATE TABLE bpv.ban (
            student_id text NOT NULL REFERENCES bpv.student (id) ON DELETE CASCADE,
            internship_id text NOT NULL REFERENCES bpv.internship (id) ON DELETE CASCADE,
            reason text NOT NULL, PRIMARY KEY (student_id, internship_id)
        );
        CREATE TABLE bpv.round (
            id bigserial PRIMARY KEY, created_at text NOT NULL, "user" text NOT NULL, settings text NOT NULL,
            placed integer NOT NULL, unplaced integer NOT NULL, total_score bigint NOT NULL, date text
        );
        CREATE TABLE bpv.placement (
            round_id bigint NOT NULL REFERENCES bpv.round (id) ON DELETE CASCADE, student_id text NOT NULL,
            internship_id text, score integer, travel_min integer, PRIMARY KEY (round_id, student_id)
        );
        CREATE TABLE bpv.setting (name text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE bpv.student_setting (
            student_id text NOT NULL REFERENCES bpv.student (id) ON DELETE CASCADE, name text NOT NULL, value text NOT NULL,
            PRIMARY KEY (student_id, name)
        );
        CREATE TABLE bpv.history (
            id bigserial PRIMARY KEY, student_id text NOT NULL REFERENCES bpv.student (id) ON DELETE CASCADE,
            internship_id text NOT NULL, employer text NOT NULL, outcome text NOT NULL, start_date text, end_date text,
            "user" text NOT NULL, reason text, seq bigint NOT NULL, days_per_week integer
        );
        CREATE TABLE bpv.register (
            student_id text NOT NULL REFERENCES bpv.student (id) ON DELETE CASCADE,
            phase integer NOT NULL DEFAULT 0 CHECK (phase IN (0, 1)),
            internship_id text NOT NULL REFERENCES bpv.internship (id) ON DELETE CASCADE,
            status text NOT NULL CHECK (status IN ('draft', 'pinned', 'proposed', 'agreed', 'active')),
            reason text, round_id bigint, score integer, travel_min integer, seq bigint NOT NULL,
            start_date text, planned_end text, days_per_week integer, PRIMARY KEY (student_id, phase)
        );
        CREATE TABLE bpv.travel_time (
            from_pc integer NOT NULL, to_pc integer NOT NULL, mode text NOT NULL, minutes integer NOT NULL,
            PRIMARY KEY (from_pc, to_pc, mode)
        );
        """

    /// What every change wrote, by row key, so that each user's bpv takes in others' changes
    /// (`RegionHome`), seeing only the rows of pupils it may see (the same policy as the other
    /// pupil tables); the last numbers given out; and, per internship, the places held by
    /// pupils a user cannot see, which their bpv takes off the places it offers.
    static let changes = """
        CREATE TABLE bpv.change (
            seq bigserial PRIMARY KEY,
            student_id text,
            tbl text NOT NULL,
            key text NOT NULL
        );
        ALTER TABLE bpv.change ENABLE ROW LEVEL SECURITY;
        CREATE POLICY visible_pupil ON bpv.change TO bpv_regional, bpv_school, bpv_coach
            USING (student_id IS NULL OR EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id))
            WITH CHECK (student_id IS NULL OR EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id));
        GRANT SELECT, INSERT ON bpv.change TO bpv_regional, bpv_school, bpv_coach;
        GRANT USAGE ON SEQUENCE bpv.change_seq_seq TO bpv_regional, bpv_school, bpv_coach;
        -- The last numbers of the numbered tables, also of rows the caller cannot see: a
        -- change numbers its new rows after them (under the change lock).
        CREATE FUNCTION bpv.last_numbers(OUT audit bigint, OUT history bigint, OUT round bigint, OUT change bigint)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bpv, pg_temp AS $$
            SELECT (SELECT coalesce(max(seq), 0) FROM bpv.audit), (SELECT coalesce(max(id), 0) FROM bpv.history),
                   (SELECT coalesce(max(id), 0) FROM bpv.round), (SELECT coalesce(max(seq), 0) FROM bpv.change) $$;
        -- Held places per internship, of every pupil (counts only). A support place is one
        -- held by a pupil who needs a job coach at work (the domain's needsIntensiveSupport).
        CREATE FUNCTION bpv.all_holds(ids text[]) RETURNS TABLE (internship_id text, held bigint, supported bigint)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bpv, pg_temp AS $$
            SELECT r.internship_id, count(*), count(*) FILTER (WHERE '|' || s.needs || '|' LIKE '%|jobcoach|%')
            FROM bpv.register r JOIN bpv.student s ON s.id = r.student_id
            WHERE ids IS NULL OR r.internship_id = ANY (ids) GROUP BY r.internship_id $$;
        -- The same, less what the caller sees (the policies apply): held by pupils hidden from them.
        CREATE FUNCTION bpv.hidden_holds(ids text[]) RETURNS TABLE (internship_id text, held bigint, supported bigint)
            LANGUAGE sql STABLE AS $$
            SELECT a.internship_id, a.held - coalesce(v.held, 0), a.supported - coalesce(v.supported, 0)
            FROM bpv.all_holds(ids) a LEFT JOIN (
                SELECT r.internship_id, count(*) AS held,
                       count(*) FILTER (WHERE '|' || s.needs || '|' LIKE '%|jobcoach|%') AS supported
                FROM bpv.register r JOIN bpv.student s ON s.id = r.student_id
                WHERE ids IS NULL OR r.internship_id = ANY (ids) GROUP BY r.internship_id
            ) v USING (internship_id) $$;
        -- Erasure (`forget`, `purge`): the erased pupils' own audit entries go, and entries that
        -- named them are rewritten, the one change the log allows. Only entries of pupils no
        -- longer in the region may be deleted (a coordinator erases their own pupils: the
        -- policies let them delete no one else); the trigger lets the function through.
        CREATE OR REPLACE FUNCTION bpv.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('bpv.erasing', true) = 'on' THEN
                    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
                END IF;
                RAISE EXCEPTION 'the audit log is append-only';
            END $$;
        CREATE FUNCTION bpv.erase_entries(gone bigint[], rewritten jsonb) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = bpv, pg_temp AS $$
            BEGIN
                IF EXISTS (SELECT FROM bpv.audit a WHERE a.seq = ANY (gone)
                           AND (a.student_id IS NULL OR EXISTS (SELECT FROM bpv.student s WHERE s.id = a.student_id))) THEN
                    RAISE EXCEPTION 'only the audit entries of erased pupils can be deleted';
                END IF;
                PERFORM set_config('bpv.erasing', 'on', true);
                DELETE FROM bpv.audit WHERE seq = ANY (gone);
                UPDATE bpv.audit a SET subject = r.subject, detail = r.detail, reason = r.reason
                    FROM jsonb_to_recordset(rewritten) AS r(seq bigint, subject text, detail text, reason text) WHERE a.seq = r.seq;
                PERFORM set_config('bpv.erasing', 'off', true);
                -- Nor does the change log keep their ids.
                DELETE FROM bpv.change c WHERE c.student_id IS NOT NULL
                    AND NOT EXISTS (SELECT FROM bpv.student s WHERE s.id = c.student_id);
            END $$;
        -- Adding and erasing pupils is a coordinator's decision, not a coach's (tweak, why,
        -- propose): coaches keep reading and updating their caseload only.
        REVOKE INSERT, DELETE ON bpv.student FROM bpv_coach;
        REVOKE ALL ON FUNCTION bpv.erase_entries(bigint[], jsonb) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION bpv.erase_entries(bigint[], jsonb) TO bpv_regional, bpv_school;
        -- A pupil imported without a school by a school's coordinator is of their school.
        CREATE FUNCTION bpv.student_school() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.school IS NULL THEN NEW.school := bpv.school_of(current_user); END IF;
                RETURN NEW;
            END $$;
        CREATE TRIGGER student_school BEFORE INSERT ON bpv.student FOR EACH ROW EXECUTE FUNCTION bpv.student_school();
        REVOKE ALL ON FUNCTION bpv.last_numbers(), bpv.all_holds(text[]), bpv.hidden_holds(text[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION bpv.last_numbers(), bpv.all_holds(text[]), bpv.hidden_holds(text[])
            TO bpv_regional, bpv_school, bpv_coach;
        """

    /// A match writes a row per pupil into `placement` and `register` (60,000 rows at 30,000
    /// pupils). Their foreign keys and the pupil policy's `EXISTS` were checked row by row (the
    /// server's per-row key check: 0.30 s of a 30,000-pupil match's 0.6 s on the server,
    /// measured in psql); here the same rules are checked once per statement, as one join over
    /// the statement's new rows (0.1 s):
    /// - each row's pupil, internship and round must exist, and are locked `FOR KEY SHARE`
    ///   until the transaction ends, as a foreign key locks them, so that no one deletes them
    ///   in between;
    /// - deleting a pupil, an internship or a round deletes their rows (the keys' `ON DELETE
    ///   CASCADE`), as the tables' owner (so past the policies, as the keys' cascade did);
    /// - the regional coordinator sees every pupil, so their policy is `true` instead of an
    ///   `EXISTS` a row; the school's and coach's stay as they were.
    /// The other pupil tables (bans, settings, history: a few rows a change) keep their keys.
    static var bulkChecks: String {
        var sql = """
            ALTER TABLE bpv.register DROP CONSTRAINT register_student_id_fkey, DROP CONSTRAINT register_internship_id_fkey;
            ALTER TABLE bpv.placement DROP CONSTRAINT placement_round_id_fkey;
            CREATE FUNCTION bpv.missing_parent(what text) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                        MESSAGE = format('a row names %s that is not in the region', what);
                END $$;
            """
        // New or changed rows: the parents they name exist, locked as a key locks them.
        for child in ["register", "placement"] {
            sql += parentsFunction(child, tableLockAbove: nil)
            for event in ["insert", "update"] {
                sql += """
                    CREATE TRIGGER \(child)_parents_\(event) AFTER \(event.uppercased()) ON bpv.\(child)
                        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bpv.\(child)_parents();

                    """
            }
        }
        // A parent deleted takes its rows along; a parent's key is never changed while rows
        // name it. A function per parent: a statement's transition table has the parent's types.
        for (child, column, parent, _) in parentLinks {
            sql += """
                CREATE FUNCTION bpv.\(parent)_rows_gone() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                    SET search_path = bpv, pg_temp AS $$
                    BEGIN
                        DELETE FROM bpv.\(child) c USING old_rows o WHERE c.\(column) = o.id;
                        RETURN NULL;
                    END $$;
                CREATE TRIGGER \(parent)_rows_gone AFTER DELETE ON bpv.\(parent)
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bpv.\(parent)_rows_gone();
                CREATE FUNCTION bpv.\(parent)_key_kept() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                    SET search_path = bpv, pg_temp AS $$
                    BEGIN
                        IF EXISTS (SELECT FROM bpv.\(child) c JOIN old_rows o ON c.\(column) = o.id
                                   WHERE NOT EXISTS (SELECT FROM new_rows n WHERE n.id = o.id)) THEN
                            PERFORM bpv.missing_parent('a key that was changed');
                        END IF;
                        RETURN NULL;
                    END $$;
                CREATE TRIGGER \(parent)_key_kept AFTER UPDATE ON bpv.\(parent)
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bpv.\(parent)_key_kept();

                """
        }
        for table in pupilTables + ["audit", "change"] {
            let condition = table == "audit" || table == "change"
                ? "student_id IS NULL OR EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id)"
                : "EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id)"
            sql += """
                DROP POLICY visible_pupil ON bpv.\(table);
                CREATE POLICY regional_all ON bpv.\(table) TO bpv_regional USING (true) WITH CHECK (true);
                CREATE POLICY visible_pupil ON bpv.\(table) TO bpv_school, bpv_coach USING (\(condition)) WITH CHECK (\(condition));

                """
        }
        return sql
    }

    /// The keys the statement checks of ``bulkChecks`` stand in for: (child table, column,
    /// parent table, the words of a refusal).
    static let parentLinks = [("register", "student_id", "student", "a pupil"), ("register", "internship_id", "internship", "an internship"),
                              ("placement", "round_id", "round", "a round")]

    /// A match writes 30,000 placements and 18,000 register rows in a handful of statements,
    /// and locking each row's pupil `FOR KEY SHARE` (as a foreign key does) was a third of the
    /// server's time for them (60 of 180 ms, measured in psql at 30,000 pupils). A statement of
    /// more than ``tableLockAbove`` rows now holds the parent tables in `SHARE` mode instead,
    /// until its transaction ends: nobody deletes or changes a pupil, internship or round
    /// meanwhile (as the row locks promised), while reading goes on. Bans, tweaks and the
    /// other small statements keep the row locks, so a coach's change holds only its pupils.
    /// Changes made through bpv already take turns (the change lock), so the table lock only
    /// makes a writer from elsewhere (psql) wait for the match's commit.
    static var tableLockedChecks: String {
        ["register", "placement"].map { parentsFunction($0, tableLockAbove: tableLockAbove) }.joined()
    }

    /// The statement size above which a statement check locks its parent tables (``tableLockedChecks``).
    static let tableLockAbove = 1_000

    /// The statement check of `child`'s new rows (see ``bulkChecks``): each parent they name
    /// exists, and stays until the transaction ends, held by row locks, or by a table lock when
    /// the statement wrote more than `tableLockAbove` rows.
    static func parentsFunction(_ child: String, tableLockAbove: Int?) -> String {
        let links = parentLinks.filter { $0.0 == child }
        func checks(rowLocks: Bool) -> String {
            links.map { _, column, parent, words in
                """
                IF (SELECT count(*) FROM (SELECT FROM bpv.\(parent) p WHERE p.id IN (SELECT \(column) FROM new_rows)\(rowLocks ? " FOR KEY SHARE OF p" : "")) x)
                   <> (SELECT count(DISTINCT \(column)) FROM new_rows) THEN PERFORM bpv.missing_parent('\(words)'); END IF;
                """
            }.joined(separator: "\n")
        }
        let body: String
        if let above = tableLockAbove {
            body = """
                IF (SELECT count(*) FROM new_rows) > \(above) THEN
                    LOCK TABLE \(links.map { "bpv.\($0.2)" }.joined(separator: ", ")) IN SHARE MODE;
                    \(checks(rowLocks: false))
                ELSE
                    \(checks(rowLocks: true))
                END IF;
                """
        } else {
            body = checks(rowLocks: true)
        }
        return """
            CREATE OR REPLACE FUNCTION bpv.\(child)_parents() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = bpv, pg_temp AS $$
                BEGIN
                    \(body)
                    RETURN NULL;
                END $$;

            """
    }

    /// Roles, grants and policies. Group roles are the cluster's (PostgreSQL has no per-database
    /// roles), so they are made only when missing, also when another database's `init` makes
    /// them at the same moment; what they may do is granted per database.
    static var roles: String {
        var sql = """
            DO $$ BEGIN
            \(Role.allCases.map { "BEGIN CREATE ROLE \($0.groupRole) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;" }.joined(separator: "\n"))
            END $$;
            -- A member's school and caseload, read by the policies. SECURITY DEFINER: members do
            -- not read the member table itself.
            CREATE FUNCTION bpv.school_of(who name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = bpv, pg_temp AS $$ SELECT school FROM bpv.member WHERE name = who $$;
            CREATE FUNCTION bpv.caseload_of(who name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = bpv, pg_temp AS $$ SELECT coalesce(coach, name) FROM bpv.member WHERE name = who $$;
            REVOKE ALL ON ALL TABLES IN SCHEMA bpv FROM PUBLIC;
            GRANT USAGE ON SCHEMA bpv TO \(Role.allCases.map(\.groupRole).joined(separator: ", "));
            -- Every user reads the schema's version (bpv checks it before it does anything).
            GRANT SELECT ON bpv.migration TO \(Role.allCases.map(\.groupRole).joined(separator: ", "));
            GRANT EXECUTE ON FUNCTION bpv.school_of(name), bpv.caseload_of(name) TO bpv_school, bpv_coach;
            -- The region's places: read by every coordinator and coach, written by coordinators.
            GRANT SELECT ON bpv.internship, bpv.employer, bpv.setting, bpv.travel_time, bpv.school, bpv.round TO bpv_regional, bpv_school, bpv_coach;
            GRANT INSERT, UPDATE, DELETE ON bpv.internship, bpv.employer, bpv.setting, bpv.travel_time TO bpv_regional, bpv_school;
            GRANT INSERT, UPDATE, DELETE ON bpv.school, bpv.round TO bpv_regional;
            GRANT INSERT ON bpv.round TO bpv_school;
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA bpv TO bpv_regional, bpv_school, bpv_coach;
            -- Pupils: every coordinator and coach, each row filtered by the policies below.
            GRANT SELECT, INSERT, UPDATE, DELETE ON bpv.student, \(pupilTables.map { "bpv.\($0)" }.joined(separator: ", ")) TO bpv_regional, bpv_school, bpv_coach;
            GRANT SELECT, INSERT ON bpv.audit TO bpv_regional, bpv_school, bpv_coach;
            ALTER TABLE bpv.student ENABLE ROW LEVEL SECURITY;
            CREATE POLICY regional_all ON bpv.student TO bpv_regional USING (true) WITH CHECK (true);
            CREATE POLICY school_own ON bpv.student TO bpv_school
                USING (school = bpv.school_of(current_user)) WITH CHECK (school = bpv.school_of(current_user));
            CREATE POLICY coach_caseload ON bpv.student TO bpv_coach
                USING (school = bpv.school_of(current_user) AND coach = bpv.caseload_of(current_user))
                WITH CHECK (school = bpv.school_of(current_user) AND coach = bpv.caseload_of(current_user));

            """
        for table in pupilTables {
            sql += """
                ALTER TABLE bpv.\(table) ENABLE ROW LEVEL SECURITY;
                CREATE POLICY visible_pupil ON bpv.\(table) TO bpv_regional, bpv_school, bpv_coach
                    USING (EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id))
                    WITH CHECK (EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id));

                """
        }
        sql += """
            ALTER TABLE bpv.audit ENABLE ROW LEVEL SECURITY;
            CREATE POLICY visible_pupil ON bpv.audit TO bpv_regional, bpv_school, bpv_coach
                USING (student_id IS NULL OR EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id))
                WITH CHECK (student_id IS NULL OR EXISTS (SELECT FROM bpv.student s WHERE s.id = student_id));
            -- What a viewer (a director, the municipality) reads: one row a pupil without name,
            -- place of living, coach, needs or reasons; the pupil's id is already a pseudonym.
            -- The view runs with its owner's rights, so viewers need no right on the tables.
            CREATE VIEW bpv.pupil_overview AS
                SELECT s.id, s.school, s.level, split_part(s.sectors, '|', 1) AS sector, s.profile,
                       r.status, i.sector AS placed_sector
                FROM bpv.student s
                LEFT JOIN bpv.register r ON r.student_id = s.id AND r.phase = 0
                LEFT JOIN bpv.internship i ON i.id = r.internship_id;
            GRANT SELECT ON bpv.pupil_overview TO bpv_viewer, bpv_regional;
            """
        return sql
    }
}
