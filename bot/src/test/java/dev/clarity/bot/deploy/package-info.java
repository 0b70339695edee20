/** The deployment recipes (image, compose, Kubernetes) built and run against the real tools they are written for. */
package dev.clarity.bot.deploy;
