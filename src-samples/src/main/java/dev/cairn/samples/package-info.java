/** Example programs that use Cairn headless, and benchmark harnesses that print their figures. */
package dev.cairn.samples;
