/**
 * Inbound updates made durable: a webhook stores the update (which is also how a redelivery is
 * recognized) before it answers 200, and workers process it from the table. A crash after the 200
 * leaves the row pending for the next start; finished rows are pruned after a retention.
 */
package vn.backancity.bot.inbox;
