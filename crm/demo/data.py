"""A realistic small Swedish IPS team: who works there and the employers they know."""

TEAM = {"name": "IPS-teamet Nyköping", "municipality": "Nyköping"}
PASSWORD = "demo-losenord-2026"

PEOPLE = [
    # e-mail, name, role
    ("lena.lind@demo.example", "Lena Lind", "team_lead"),
    ("amir.haddad@demo.example", "Amir Haddad", "job_specialist"),
    ("sofia.berg@demo.example", "Sofia Berg", "job_specialist"),
    ("johan.nilsson@demo.example", "Johan Nilsson", "job_specialist"),
    ("maria.eriksson@demo.example", "Maria Eriksson", "job_specialist"),
    ("admin@demo.example", "Anders Admin", "admin"),
]
PARTNER = {"name": "Returbutiken Framsteg ek. för.", "municipality": "Nyköping"}
PARTNER_USER = ("kerstin.partner@demo.example", "Kerstin Holm", "partner")

MUNICIPALITIES = ["Nyköping", "Nyköping", "Nyköping", "Oxelösund", "Gnesta", "Trosa", "Katrineholm", "Flen"]

# name, SNI code, sector, size band, stage
EMPLOYERS = [
    ("Ica Supermarket Brandholmen", "47111", "private", "medium", "hiring_partner"),
    ("Coop Nyköping Centrum", "47111", "private", "medium", "relationship"),
    ("Willys Nyköping", "47111", "private", "medium", "contacted"),
    ("Café Hellmans", "56100", "private", "micro", "relationship"),
    ("Restaurang Skärgårdsmagasinet", "56100", "private", "small", "contacted"),
    ("Pizzeria Napoli Oxelösund", "56100", "private", "micro", "prospect"),
    ("Nyköpings Bageri", "10710", "private", "small", "hiring_partner"),
    ("Trosa Rökeri", "10200", "private", "micro", "prospect"),
    ("Nyköpings kommun, Park och gata", "84110", "public", "large", "relationship"),
    ("Region Sörmland, Nyköpings lasarett", "86101", "public", "large", "contacted"),
    ("Oxelösunds kommun, Kostenheten", "84110", "public", "large", "prospect"),
    ("Gnesta kommun, Fastighet", "68320", "public", "medium", "prospect"),
    ("SSAB Oxelösund", "24100", "private", "large", "contacted"),
    ("Stjernfors Mekaniska", "25620", "private", "small", "relationship"),
    ("Nyköpings Bil & Däck", "45200", "private", "small", "hiring_partner"),
    ("Bilia Nyköping", "45110", "private", "medium", "prospect"),
    ("Hemköp Trosa", "47111", "private", "small", "contacted"),
    ("Clas Ohlson Nyköping", "47521", "private", "small", "relationship"),
    ("Jula Nyköping", "47521", "private", "medium", "contacted"),
    ("Biltema Nyköping", "47300", "private", "medium", "prospect"),
    ("Rusta Katrineholm", "47190", "private", "small", "prospect"),
    ("Scandic Nyköping", "55101", "private", "medium", "relationship"),
    ("Hotell Kompaniet", "55101", "private", "small", "dormant"),
    ("Nyköpings Städservice", "81210", "private", "small", "hiring_partner"),
    ("Sörmlands Fönsterputs", "81220", "private", "micro", "contacted"),
    ("Trädgårdsmästarna i Sörmland", "81300", "private", "micro", "relationship"),
    ("Gnesta Plantskola", "01300", "private", "micro", "prospect"),
    ("Kolmårdens Gårdsbutik", "47291", "private", "micro", "prospect"),
    ("Nyköpings Flytt & Transport", "49420", "private", "small", "contacted"),
    ("PostNord Terminal Nyköping", "53100", "private", "large", "prospect"),
    ("DHL Freight Oxelösund", "52290", "private", "medium", "prospect"),
    ("Oxelösunds Hamn", "52220", "private", "medium", "contacted"),
    ("Nyköpings Lager & Logistik", "52100", "private", "medium", "relationship"),
    ("Byggmästarna Sörmland", "41200", "private", "small", "contacted"),
    ("Trosa Måleri", "43341", "private", "micro", "relationship"),
    ("El-Teamet Nyköping", "43210", "private", "small", "prospect"),
    ("Rörjouren Flen", "43220", "private", "micro", "dormant"),
    ("Stadsbiblioteket Nyköping", "91011", "public", "small", "relationship"),
    ("Sörmlands museum", "91020", "public", "small", "contacted"),
    ("Nyköpings Gymnastikförening", "93120", "non_profit", "micro", "prospect"),
    ("Friskis & Svettis Nyköping", "93130", "non_profit", "small", "relationship"),
    ("Svenska kyrkan Nyköping", "94910", "non_profit", "medium", "contacted"),
    ("Stadsmissionen Second hand", "47791", "non_profit", "small", "hiring_partner"),
    ("Myrorna Nyköping", "47791", "non_profit", "small", "relationship"),
    ("Äldreboendet Solgläntan", "87301", "private", "medium", "contacted"),
    ("Förskolan Trollet", "85100", "private", "small", "prospect"),
    ("Attendo Katrineholm", "87301", "private", "medium", "prospect"),
    ("Nyköpings Djurklinik", "75000", "private", "small", "relationship"),
    ("Hundpensionatet Vilan", "96090", "private", "micro", "contacted"),
    ("Frisörsalong Saxen", "96021", "private", "micro", "prospect"),
    ("Tvätteriet i Oxelösund", "96011", "private", "micro", "contacted"),
    ("Datahjälpen Sörmland", "95110", "private", "micro", "relationship"),
    ("IT-Kraft Nyköping", "62010", "private", "small", "prospect"),
    ("Redovisningsbyrån Siffran", "69201", "private", "micro", "dormant"),
    ("Tryckeriet i Nyköping", "18121", "private", "small", "contacted"),
    ("Sörmlands Snickeri", "16230", "private", "micro", "relationship"),
    ("Möbelrenoveringen Flen", "95240", "private", "micro", "prospect"),
    ("Återvinningscentralen Nyköping", "38110", "public", "medium", "relationship"),
    ("Nyköpings Hamnkrog", "56100", "private", "small", "prospect"),
    ("Katrineholms Glass & Kiosk", "47250", "private", "micro", "closed"),
]

CONTACT_FIRST = ["Anna", "Erik", "Karin", "Lars", "Eva", "Per", "Ingrid", "Mikael", "Fatima", "Jonas",
                 "Helena", "Ahmed", "Camilla", "Peter", "Linnea", "Oskar", "Zeynep", "Magnus"]
CONTACT_LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
                "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Ali", "Lindberg"]
CONTACT_ROLES = [("Butikschef", True), ("Platschef", True), ("HR-specialist", False), ("Verksamhetschef", True),
                 ("Arbetsledare", False), ("Enhetschef", True), ("Ägare", True), ("Köksmästare", False)]

# Participants: made-up names; preferences drawn from the kinds of work the seed projects found.
PARTICIPANT_FIRST = ["Amina", "Johan", "Sara", "Mohammed", "Elin", "Daniel", "Hanna", "Ali", "Emma", "Viktor",
                     "Nour", "Sofia", "Oscar", "Leyla", "Mattias", "Ida", "Samir", "Frida", "Kristoffer", "Aisha",
                     "Therese", "Robin", "Yusuf", "Malin", "Simon", "Zahra", "Patrik", "Jenny", "Hassan", "Tove",
                     "Andreas", "Maja", "Omar", "Sanna", "Fredrik", "Rania", "Tobias", "Lovisa", "Ibrahim", "Petra"]
PARTICIPANT_LAST = ["Ahmed", "Lindqvist", "Berglund", "Hassan", "Holm", "Sandberg", "Ek", "Mohamud", "Lund",
                    "Axelsson", "Jakobsson", "Nyström", "Hussein", "Sjöberg", "Wallin", "Engström", "Yilmaz",
                    "Danielsson", "Håkansson", "Omar", "Forsberg", "Lundgren", "Strand", "Abdi", "Björk"]
LANGUAGES = [None, None, None, None, "arabiska", "somaliska", "dari", "tigrinja", "engelska"]

# occupations (SSYK), industries (SNI division), tasks liked, tasks avoided, hours min, max, evenings, weekends,
# sound level, setting, contact with people, physical work
PREFERENCE_PROFILES = [
    (["5120", "9412"], ["56"], "Laga mat, förbereda, diska", "Stressig kassa", 20, 30, True, True,
     "either", "indoor", "little", "either"),
    (["4321", "9622"], ["52", "49"], "Plocka och packa, köra truck", "Telefon", 30, 40, False, False,
     "either", "indoor", "little", "wanted"),
    (["5223", "5230"], ["47"], "Fylla på varor, hjälpa kunder", "Tunga lyft", 15, 25, True, True,
     "lively", "indoor", "much", "light"),
    (["9111", "9112"], ["81"], "Städa, ordna", "Kontakt med många kunder", 10, 20, True, False,
     "quiet", "indoor", "little", "either"),
    (["6113", "9214"], ["81", "01"], "Plantera, sköta grönytor", "Kontorsarbete", 20, 40, False, False,
     "quiet", "outdoor", "some", "wanted"),
    (["4112", "4226"], ["69", "82"], "Registrera, sortera, ta emot besökare", "Fysiskt tungt arbete", 20, 30, False,
     False, "quiet", "indoor", "some", "avoid"),
    (["7512", "9412"], ["10"], "Baka, följa recept", "Nattarbete", 20, 30, False, True,
     "either", "indoor", "little", "light"),
    (["5321", "5330"], ["87", "88"], "Hjälpa äldre, samtala", "Stöd nattetid", 25, 35, True, True,
     "either", "indoor", "much", "light"),
    (["7231", "7219"], ["45", "33"], "Meka med bilar och cyklar", "Kundtjänst", 30, 40, False, False,
     "lively", "indoor", "little", "wanted"),
    (["2512", "3512"], ["62", "95"], "Felsöka datorer, programmera", "Mycket folk omkring sig", 15, 30, False,
     False, "quiet", "indoor", "little", "avoid"),
]
EXPERIENCES = [("Ica Maxi", "Butiksbiträde", "Fasta rutiner och bra kollegor", "Kassan vid rusning"),
               ("Max Hamburgerrestauranger", "Kock", "Tydliga uppgifter", "Kvällspassen"),
               ("Postnord", "Brevbärare", "Att röra sig ute", "Tidiga morgnar"),
               ("Samhall", "Lokalvårdare", "Arbeta i egen takt", "För lite att göra ibland"),
               ("Bemanningsföretag", "Lagerarbetare", "Truckkörning", "Korta uppdrag utan framförhållning"),
               ("Kommunen", "Vårdbiträde", "Samtalen med de äldre", "Delade turer")]
