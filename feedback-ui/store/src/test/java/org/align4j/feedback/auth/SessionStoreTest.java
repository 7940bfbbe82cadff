package org.align4j.feedback.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.db.TextHash;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore(clock);

    @Test
    void aSessionIsFoundByItsTokenUntilItExpires() {
        User ann = Fixtures.doctor(store, "ann");
        SessionStore.Issued issued = store.sessions().create(ann);
        assertThat(store.sessions().find(issued.token())).map(Session::user).contains(ann);
        assertThat(store.sessions().find(issued.token()).orElseThrow().csrfToken()).isEqualTo(issued.session().csrfToken());
        clock.advance(SessionStore.TTL.plus(Duration.ofSeconds(1)));
        assertThat(store.sessions().find(issued.token())).isEmpty();
    }

    @Test
    void onlyAHashOfTheTokenIsStored() {
        SessionStore.Issued issued = store.sessions().create(Fixtures.doctor(store, "ann"));
        String stored = store.sql().read(tx -> tx.one("SELECT token_hash FROM sessions", rs -> rs.getString(1))).orElseThrow();
        assertThat(stored).isEqualTo(TextHash.sha256(issued.token())).isNotEqualTo(issued.token());
    }

    @Test
    void deletedUnknownAndMalformedTokensFindNothing() {
        SessionStore.Issued issued = store.sessions().create(Fixtures.doctor(store, "ann"));
        store.sessions().delete(issued.token());
        assertThat(store.sessions().find(issued.token())).isEmpty();
        assertThat(store.sessions().find(SessionStore.randomToken())).isEmpty();
        assertThat(store.sessions().find(null)).isEmpty();
        assertThat(store.sessions().find("x".repeat(500))).isEmpty();
    }

    @Test
    void eachSessionHasItsOwnTokens() {
        User ann = Fixtures.doctor(store, "ann");
        SessionStore.Issued a = store.sessions().create(ann);
        SessionStore.Issued b = store.sessions().create(ann);
        assertThat(a.token()).isNotEqualTo(b.token()).hasSize(43);
        assertThat(a.session().csrfToken()).isNotEqualTo(b.session().csrfToken()).isNotEqualTo(a.token());
    }

    @Test
    void endingAUsersSessionsTakesEffectAtOnceDespiteTheCacheAndCanKeepOne() {
        User ann = Fixtures.doctor(store, "ann");
        User bob = Fixtures.doctor(store, "bob");
        SessionStore.Issued a1 = store.sessions().create(ann);
        SessionStore.Issued a2 = store.sessions().create(ann);
        SessionStore.Issued b1 = store.sessions().create(bob);
        assertThat(store.sessions().find(a1.token())).isPresent(); // now cached
        assertThat(store.sessions().find(a2.token())).isPresent();
        assertThat(store.sessions().live()).extracting(SessionStore.Live::username).containsExactlyInAnyOrder("ann", "ann", "bob");

        assertThat(store.sessions().endAll(ann.id(), a2.token())).isEqualTo(1);
        assertThat(store.sessions().find(a1.token())).isEmpty();
        assertThat(store.sessions().find(a2.token())).isPresent();
        assertThat(store.sessions().endAll(ann.id(), null)).isEqualTo(1);
        assertThat(store.sessions().find(a2.token())).isEmpty();
        assertThat(store.sessions().find(b1.token())).isPresent();
        assertThat(store.sessions().live()).singleElement().satisfies(l -> {
            assertThat(l.username()).isEqualTo("bob");
            assertThat(l.expiresAt()).isEqualTo(b1.session().expiresAt());
        });
    }
}
