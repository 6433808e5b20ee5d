/**
 * Several instances, one service: named leases in the database that give one instance at a time a
 * role (the feed poller, the scheduler of pushes, the sender of a channel), taken over by another
 * when the holder dies, and fenced so that a paused old holder stops acting when its lease ran out.
 */
package vn.backancity.bot.cluster;
