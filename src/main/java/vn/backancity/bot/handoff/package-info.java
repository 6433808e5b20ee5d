/**
 * Asking a person: a citizen's question sent to the city's staff with a short lookup code, answered
 * in {@code /admin} and delivered through the outbox on the citizen's channel; the status asked by
 * code. Channel-free: the channels and the HTTP handlers call it.
 */
package vn.backancity.bot.handoff;
