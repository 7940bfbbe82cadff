package org.align4j.feedback.web;

import io.javalin.security.RouteRole;

/**
 * Who may reach a route (the account roles themselves are the store's {@code Role}). A doctor's
 * route admits doctors and admins; an admin's route admins only.
 */
public enum Access implements RouteRole {
    /** Reachable without logging in (the login page and its assets only). */
    PUBLIC,
    DOCTOR,
    ADMIN
}
