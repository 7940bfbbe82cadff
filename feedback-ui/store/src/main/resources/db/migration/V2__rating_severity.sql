-- A 👎 can be marked unsafe (clinically dangerous, not just unhelpful): it weighs more in training and the
-- refresh gate refuses a candidate that gives such an answer again. Portable SQL (H2 2.x, PostgreSQL).
ALTER TABLE ratings ADD COLUMN unsafe BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE ratings ADD CONSTRAINT ratings_unsafe_is_down CHECK (unsafe = FALSE OR vote = -1);
