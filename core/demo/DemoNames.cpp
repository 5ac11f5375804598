// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoNames.h"

#include <QString>

#include <array>

namespace pme::core {

namespace {

// Common names from many traditions, combined at random: any resemblance to a real person is
// a coincidence of two common names.
constexpr std::array kGivenNames{
    "Amara",   "Aiko",   "Ahmed",  "Alejandro", "Ananya", "Aroha",    "Beatriz",  "Bilal",   "Camille",
    "Chen",    "Chidi",  "Dmitri", "Élodie",    "Emeka",  "Fatima",   "Farid",    "Gabriel", "Grace",
    "Hana",    "Hamza",  "Ingrid", "Isabela",   "Jamal",  "Jia",      "Joaquín",  "Kai",     "Kavya",
    "Kwame",   "Laila",  "Liam",   "Lucía",     "Malik",  "Mariam",   "Mateo",    "Mei",     "Mihail",
    "Nadia",   "Nia",    "Noah",   "Oluwaseun", "Omar",   "Priya",    "Rafael",   "Ravi",    "Rosa",
    "Saanvi",  "Samuel", "Sofía",  "Søren",     "Tariq",  "Thandiwe", "Tomás",    "Uma",     "Valentina",
    "Wei",     "Yara",   "Yusuf",  "Zanele",    "Zoë",    "Émile",    "Anh",      "Linh",    "Matthieu",
    "Siobhán", "Ngozi",  "Keanu",  "Leilani",   "Rahul",  "Sakura",   "Hyun-woo", "Ji-yeon", "Chloé",
};

constexpr std::array kFamilyNames{
    "Abebe",      "Acheampong",   "Adeyemi",  "Alvarez",  "Andersen",   "Banerjee", "Bergström",   "Castillo",
    "Chatterjee", "Chowdhury",    "Côté",     "da Silva", "Delacroix",  "Díaz",     "Dubois",      "Eze",
    "Fernández",  "Fitzgerald",   "Gagnon",   "García",   "Ghosh",      "Haddad",   "Hashemi",     "Ho",
    "Ibrahim",    "Iyer",         "Jensen",   "Kaur",     "Khalil",     "Kim",      "Kowalski",    "Kuznetsov",
    "Lefebvre",   "Li",           "Mahlangu", "Martínez", "Mensah",     "Moreau",   "Morningstar", "Murphy",
    "Nakamura",   "Nguyen",       "Novak",    "Okafor",   "Okonkwo",    "Ortiz",    "O'Brien",     "Patel",
    "Pereira",    "Popescu",      "Quispe",   "Rahman",   "Ramírez",    "Reddy",    "Rossi",       "Saito",
    "Santos",     "Schmidt",      "Sharma",   "Silva",    "Singh",      "Sokolov",  "Suzuki",      "Tanaka",
    "Tremblay",   "Van der Berg", "Vargas",   "Wang",     "Whitehorse", "Williams", "Yamamoto",    "Yilmaz",
    "Zhang",      "Zulu",         "Nowak",    "Mbeki",    "Park",       "Lam",      "Ben-David",   "Al-Sayed",
};

// Lower-case ASCII letters only: accents dropped (é → e), spaces and punctuation removed.
QByteArray asciiPart(const QByteArray &utf8)
{
    const QString decomposed = QString::fromUtf8(utf8).normalized(QString::NormalizationForm_KD).toLower();
    QByteArray part;
    part.reserve(decomposed.size());
    for (QChar c : decomposed) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
            part.append(static_cast<char>(u));
        else if (u == 0x00F8) // ø does not decompose
            part.append('o');
    }
    return part;
}

} // namespace

void DemoNames::draw(DemoRandom &rng, QByteArray *given, QByteArray *family)
{
    *given = kGivenNames[static_cast<std::size_t>(rng.below(static_cast<int>(kGivenNames.size())))];
    *family = kFamilyNames[static_cast<std::size_t>(rng.below(static_cast<int>(kFamilyNames.size())))];
}

QByteArray DemoNames::email(const QByteArray &given, const QByteArray &family, QSet<QByteArray> *taken)
{
    const QByteArray local = asciiPart(given) + '.' + asciiPart(family);
    QByteArray candidate = local;
    for (int n = 2; taken->contains(candidate); ++n)
        candidate = local + QByteArray::number(n);
    taken->insert(candidate);
    return candidate + "@demo.pmecoach.invalid";
}

} // namespace pme::core
