/** Common US given names and surnames the generator draws customers' names from. */

export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Olivia', 'Emma', 'Charlotte', 'Amelia', 'Sophia', 'Isabella', 'Ava', 'Mia', 'Evelyn', 'Harper',
  'Luna', 'Camila', 'Gianna', 'Elizabeth', 'Eleanor', 'Ella', 'Abigail', 'Sofia', 'Avery', 'Scarlett',
  'Emily', 'Aria', 'Penelope', 'Chloe', 'Layla', 'Mila', 'Nora', 'Hazel', 'Madison', 'Ellie',
  'Lily', 'Nova', 'Isla', 'Grace', 'Violet', 'Aurora', 'Riley', 'Zoey', 'Willow', 'Emilia',
  'Jennifer', 'Linda', 'Patricia', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Lisa', 'Nancy', 'Betty',
  'Sandra', 'Ashley', 'Kimberly', 'Donna', 'Michelle', 'Carol', 'Amanda', 'Melissa', 'Deborah', 'Stephanie',
  'Maria', 'Guadalupe', 'Rosa', 'Mei', 'Priya', 'Aisha', 'Keisha', 'Tamika', 'Yesenia', 'Ana',
];

export const MALE_FIRST_NAMES: readonly string[] = [
  'Liam', 'Noah', 'Oliver', 'James', 'Elijah', 'William', 'Henry', 'Lucas', 'Benjamin', 'Theodore',
  'Mateo', 'Levi', 'Sebastian', 'Daniel', 'Jack', 'Michael', 'Alexander', 'Owen', 'Asher', 'Samuel',
  'Ethan', 'Leo', 'Jackson', 'Mason', 'Ezra', 'John', 'Hudson', 'Luca', 'Aiden', 'Joseph',
  'David', 'Jacob', 'Logan', 'Luke', 'Julian', 'Gabriel', 'Grayson', 'Wyatt', 'Matthew', 'Maverick',
  'Robert', 'Richard', 'Thomas', 'Charles', 'Christopher', 'Mark', 'Donald', 'Steven', 'Paul', 'Andrew',
  'Joshua', 'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Edward', 'Jason', 'Jeffrey',
  'Jose', 'Luis', 'Carlos', 'Juan', 'Wei', 'Raj', 'Mohammed', 'DeShawn', 'Tyrone', 'Hiroshi',
];

/** Names used for customers whose gender is nonbinary or unknown (and sometimes others). */
export const NEUTRAL_FIRST_NAMES: readonly string[] = [
  'Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Jamie', 'Riley', 'Quinn', 'Avery', 'Parker',
  'Rowan', 'Sage', 'Skyler', 'Reese', 'Dakota', 'Emerson', 'Finley', 'Hayden', 'Kai', 'Charlie',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  "O'Brien", "O'Connor", 'Chen', 'Wang', 'Singh', 'Shah', 'Kowalski', 'Novak', 'Schmidt', 'Murray',
];

/** Email domains with a weight each (a share of customers). */
export const EMAIL_DOMAINS: readonly (readonly [domain: string, weight: number])[] = [
  ['gmail.com', 40],
  ['yahoo.com', 14],
  ['icloud.com', 13],
  ['outlook.com', 11],
  ['hotmail.com', 10],
  ['aol.com', 6],
  ['comcast.net', 6],
];
