// Small hand-made ITC2007 instances for the tests (never the benchmark files).

/** Two days of three periods; A and C share teacher tA; curricula q1 = {A, B}, q2 = {B, C}. */
export const TOY = `Name: Toy
Courses: 3
Rooms: 2
Days: 2
Periods_per_day: 3
Curricula: 2
Constraints: 2

COURSES:
A tA 3 2 30
B tB 2 2 50
C tA 1 1 10

ROOMS:
r1 40
r2 60

CURRICULA:
q1 2 A B
q2 2 B C

UNAVAILABILITY_CONSTRAINTS:
A 1 2
B 0 0

END.
`;

/** One room, two courses of one curriculum, two days of two periods: cost 0 only as A B / A B. */
export const TIGHT = `Name: Tight
Courses: 2
Rooms: 1
Days: 2
Periods_per_day: 2
Curricula: 1
Constraints: 0

COURSES:
A tA 2 2 10
B tB 2 2 10

ROOMS:
r1 10

CURRICULA:
q1 2 A B

UNAVAILABILITY_CONSTRAINTS:

END.
`;
