/**
 * The editors' loop: every question asked (without chat ids), citizens' feedback on answers, the
 * review queue of unanswered and disliked questions, and the dashboard's figures.
 */
package vn.backancity.bot.questions;
