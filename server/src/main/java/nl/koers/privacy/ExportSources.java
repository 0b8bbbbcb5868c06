package nl.koers.privacy;

import nl.koers.circle.Circles;
import nl.koers.circle.Consents;
import nl.koers.feedback.Feedback;
import nl.koers.feedback.SafetySignals;
import nl.koers.mentor.Mentors;
import nl.koers.notify.Devices;
import nl.koers.notify.Inbox;
import nl.koers.plan.Plans;
import nl.koers.transition.Checklists;
import nl.koers.transition.Conversations;
import nl.koers.transition.Handovers;
import nl.koers.transition.Transitions;

/**
 * The capabilities' own services a copy is read from: each section comes from the same read the API
 * makes for the young person, so the copy holds exactly what the app shows them, with their rules
 * (and their decryption) applied, never a second reading of someone else's storage.
 */
record ExportSources(
    Circles circles,
    Consents consents,
    Feedback feedback,
    SafetySignals safetySignals,
    Plans plans,
    Checklists checklists,
    Transitions transitions,
    Handovers handovers,
    Conversations conversations,
    Inbox inbox,
    Devices devices,
    Mentors mentors) {}
