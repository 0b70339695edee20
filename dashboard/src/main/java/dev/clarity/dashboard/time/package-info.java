/**
 * Time on the web: the timer controls, the time records list with its add, correct and delete forms and trail, the
 * exchange rates page, and the JSON API for timers and time records. Calls {@code dev.clarity.crm.time} and
 * {@code dev.clarity.crm.money}; depends on {@code dev.clarity.dashboard.auth} and {@code dev.clarity.dashboard.web}.
 */
package dev.clarity.dashboard.time;
