package org.align4j.feedback.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.db.ConflictException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class UserStoreTest {
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore();

    @Test
    void aUserLogsInWithTheRightPasswordOnly() {
        User added = store.users().add("Wang.Li", "王力", Fixtures.PASSWORD.toCharArray(), Role.DOCTOR);
        assertThat(added.username()).isEqualTo("wang.li");
        assertThat(store.users().authenticate("WANG.LI", Fixtures.PASSWORD)).contains(added);
        assertThat(store.users().authenticate("wang.li", Fixtures.PASSWORD + "x")).isEmpty();
        assertThat(store.users().authenticate("nobody", Fixtures.PASSWORD)).isEmpty();
        assertThat(store.users().find("wang.li").orElseThrow().displayName()).isEqualTo("王力");
    }

    @Test
    void aTakenUserNameIsAConflict() {
        Fixtures.doctor(store, "ann");
        assertThatThrownBy(() -> Fixtures.doctor(store, "ANN"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("user 'ann' already exists");
    }

    @Test
    void aPasswordTheHasherRefusesWritesNothing() {
        assertThatThrownBy(() -> store.users().add("ann", null, "short".toCharArray(), Role.DOCTOR))
                .hasMessageContaining("at least 10");
        assertThat(store.users().list()).isEmpty();
    }

    @Test
    void aStoreOpenedWithoutAHasherSaysHowToAddAccounts() {
        try (FeedbackStore plain = FeedbackStore.open("jdbc:h2:mem:" + java.util.UUID.randomUUID())) {
            assertThatThrownBy(() -> plain.users().add("ann", null, Fixtures.PASSWORD.toCharArray(), Role.DOCTOR))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("new PasswordHasher()");
            assertThat(plain.users().list()).isEmpty();
        }
    }

    @Test
    void oddUserNamesAndRolesAreRefused() {
        assertThatThrownBy(() -> store.users().add("a b", null, Fixtures.PASSWORD.toCharArray(), Role.DOCTOR))
                .hasMessageContaining("user name 'a b' is not allowed");
        assertThatThrownBy(() -> store.users().add("x' OR '1'='1", null, Fixtures.PASSWORD.toCharArray(), Role.DOCTOR))
                .hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> store.users().add("ann", null, Fixtures.PASSWORD.toCharArray(), null))
                .hasMessageContaining("use doctor or admin");
    }

    @Test
    void anAdminResetsAPasswordAndDisablesAndEnablesAnAccount() {
        User ann = Fixtures.doctor(store, "ann");
        store.users().setPassword("ANN", "a new password 1".toCharArray());
        assertThat(store.users().authenticate("ann", Fixtures.PASSWORD)).isEmpty();
        assertThat(store.users().authenticate("ann", "a new password 1")).contains(ann);
        assertThatThrownBy(() -> store.users().setPassword("ann", "short".toCharArray())).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> store.users().setPassword("nobody", Fixtures.PASSWORD.toCharArray()))
                .isInstanceOf(org.align4j.feedback.db.NotFoundException.class).hasMessageContaining("no user 'nobody'");

        store.users().setActive("ann", false);
        assertThat(store.users().authenticate("ann", "a new password 1")).isEmpty();
        assertThat(store.users().accounts()).singleElement().satisfies(a -> {
            assertThat(a.user()).isEqualTo(ann);
            assertThat(a.active()).isFalse();
            assertThat(a.createdAt()).isNotNull();
        });
        store.users().setActive("ann", true);
        assertThat(store.users().authenticate("ann", "a new password 1")).contains(ann);
    }
}
