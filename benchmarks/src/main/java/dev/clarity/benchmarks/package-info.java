/** JMH benchmarks that print their figures; each class names the target it proves. */
package dev.clarity.benchmarks;
